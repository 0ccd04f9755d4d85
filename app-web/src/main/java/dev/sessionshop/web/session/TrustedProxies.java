package dev.sessionshop.web.session;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses whose {@code X-Forwarded-Proto} the shop believes: the proxy in front of the instances
 * (nginx). A list of CIDR blocks ({@code 127.0.0.0/8, 10.0.0.0/8}) or single addresses. Only literal
 * addresses are accepted, so parsing never does a DNS lookup.
 */
final class TrustedProxies {

    /**
     * Loopback and the private networks a compose or Kubernetes network uses, like Tomcat's
     * {@code RemoteIpValve} default: the instances are reachable only through nginx there.
     */
    static final String DEFAULT = "127.0.0.0/8, ::1/128, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16";

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** @throws IllegalArgumentException for anything that is not an address literal or a CIDR block */
    static TrustedProxies parse(String spec) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                blocks.add(Block.parse(trimmed));
            }
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    boolean trusts(String remoteAddress) {
        byte[] address = literal(remoteAddress);
        if (address == null) {
            return false;
        }
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
            return null;
        }
        boolean ipv4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!ipv4 && !text.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(text.contains("%") ? text.substring(0, text.indexOf('%')) : text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Block(byte[] network, int prefix) {

        static Block parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
            }
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad prefix length in " + text);
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in " + text);
                }
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
