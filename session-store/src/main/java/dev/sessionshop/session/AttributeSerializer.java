package dev.sessionshop.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Java serialization of attribute values, read back only through an allow-list.
 *
 * <p>The store is a network service: anyone who can write to it can plant bytes in a session.
 * Unfiltered {@code readObject} on such bytes is the classic gadget-chain remote code execution, so
 * every value is read through an {@link ObjectInputFilter} that accepts only the configured class
 * patterns ({@code !*} closes the list) and bounds depth, references, array length and stream bytes.
 * The filter rejects a class before it is instantiated, so no {@code readObject} of a foreign class
 * ever runs.
 */
final class AttributeSerializer {

    private final ObjectInputFilter filter;
    private final String filterSpec;
    private final long maxBytes;
    private final List<String> allowedClasses;

    AttributeSerializer(SessionSettings config) {
        this.maxBytes = config.maxAttributeBytes();
        this.allowedClasses = config.allowedClasses();
        StringBuilder spec = new StringBuilder()
                .append("maxdepth=").append(config.maxDepth())
                .append(";maxrefs=").append(config.maxReferences())
                .append(";maxbytes=").append(config.maxAttributeBytes())
                // maxarray counts elements, not bytes.
                .append(";maxarray=").append(config.maxArrayLength());
        for (String pattern : config.allowedClasses()) {
            spec.append(';').append(pattern.trim());
        }
        this.filterSpec = spec.append(";!*").toString();
        this.filter = ObjectInputFilter.Config.createFilter(filterSpec);
    }

    String filterSpec() {
        return filterSpec;
    }

    /**
     * @throws IllegalArgumentException if the value is not serializable (the Servlet spec allows this
     *                                  for distributable sessions, and it is better than a silent loss)
     */
    byte[] serialize(String name, Object value) {
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException("Session attribute '" + name + "' is not Serializable: "
                    + value.getClass().getName());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("Session attribute '" + name + "' holds a non-serializable "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws MissingClassException      when the value is of an allowed class that this application does
     *                                    not have, or has in another version (serialVersionUID): a rolling
     *                                    deploy, not an attack
     * @throws RejectedAttributeException when the bytes are not on the allow-list, exceed a limit, or
     *                                    are not a valid serialization stream
     */
    Object deserialize(String name, byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw new RejectedAttributeException(name, "larger than " + maxBytes + " bytes");
        }
        try (ObjectInputStream in = new FilteredInputStream(new ByteArrayInputStream(bytes), filter)) {
            return in.readObject();
        } catch (InvalidClassException e) {
            // Thrown by the filter ("filter status: REJECTED") and by serialVersionUID mismatches
            // ("local class incompatible"): only the second is another version of a class we allow.
            if (e.getMessage() != null && e.getMessage().contains("local class incompatible") && allowed(e.classname)) {
                throw new MissingClassException(name, e.classname + " has another serialVersionUID here");
            }
            throw new RejectedAttributeException(name, e.getMessage());
        } catch (ClassNotFoundException e) {
            // The filter never saw a class that does not resolve; judge it by its name.
            if (allowed(e.getMessage())) {
                throw new MissingClassException(name, "class " + e.getMessage() + " is not in this application");
            }
            throw new RejectedAttributeException(name, "class not allowed");
        } catch (IOException | RuntimeException e) {
            throw new RejectedAttributeException(name, e.getClass().getSimpleName());
        }
    }

    /** Whether a class name matches the allow-list, with ObjectInputFilter's pattern rules. */
    boolean allowed(String className) {
        if (className == null || className.isEmpty() || className.startsWith("[")) {
            return false;
        }
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        for (String pattern : allowedClasses) {
            String p = pattern.trim();
            if (p.endsWith(".**") ? (pkg + ".").startsWith(p.substring(0, p.length() - 2))
                    : p.endsWith(".*") ? pkg.equals(p.substring(0, p.length() - 2))
                    : p.endsWith("*") ? className.startsWith(p.substring(0, p.length() - 1))
                    : className.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** Resolves classes through the web application's class loader, whichever loader holds this module. */
    private static final class FilteredInputStream extends ObjectInputStream {

        FilteredInputStream(InputStream in, ObjectInputFilter filter) throws IOException {
            super(in);
            setObjectInputFilter(filter);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    // initialize=false: resolving a class must not run its static initializer.
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall through to the default resolution (primitives, this module's loader)
                }
            }
            return super.resolveClass(desc);
        }
    }

    /** A value of a class this application lacks (or has in another version): skipped, not an attack. */
    static final class MissingClassException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MissingClassException(String attribute, String reason) {
            super("attribute '" + attribute + "' unreadable: " + reason, null, false, false);
        }
    }

    /** An attribute value that may not or cannot be read back. The message never holds the payload. */
    static final class RejectedAttributeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RejectedAttributeException(String attribute, String reason) {
            super("attribute '" + attribute + "' rejected: " + reason, null, false, false);
        }
    }
}
