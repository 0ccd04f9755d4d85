package dev.sessionshop.session.redis;

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

/**
 * Java serialization of attribute values, read back only through an allow-list.
 *
 * <p>Redis is a network service: anyone who can write to it can plant bytes in a session hash.
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

    AttributeSerializer(RedisSessionConfig config) {
        this.maxBytes = config.maxAttributeBytes();
        StringBuilder spec = new StringBuilder()
                .append("maxdepth=").append(config.maxDepth())
                .append(";maxrefs=").append(config.maxReferences())
                .append(";maxbytes=").append(config.maxAttributeBytes())
                .append(";maxarray=").append(config.maxAttributeBytes());
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
            // Thrown by the filter ("filter status: REJECTED") and by serialVersionUID mismatches.
            throw new RejectedAttributeException(name, e.getMessage());
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new RejectedAttributeException(name, e.getClass().getSimpleName());
        }
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

    /** An attribute value that may not or cannot be read back. The message never holds the payload. */
    static final class RejectedAttributeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RejectedAttributeException(String attribute, String reason) {
            super("attribute '" + attribute + "' rejected: " + reason, null, false, false);
        }
    }
}
