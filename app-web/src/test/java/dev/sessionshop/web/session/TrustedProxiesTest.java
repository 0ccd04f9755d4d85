package dev.sessionshop.web.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies defaults = TrustedProxies.parse(TrustedProxies.DEFAULT);

    @Test
    void defaultTrustsLoopbackAndPrivateNetworks() {
        for (String address : new String[] {"127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1", "10.1.2.3",
                "172.16.0.1", "172.31.255.254", "192.168.1.1"}) {
            assertTrue(defaults.trusts(address), address);
        }
    }

    @Test
    void defaultDoesNotTrustPublicAddresses() {
        for (String address : new String[] {"8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "11.0.0.1",
                "2001:db8::1", "fe80::1"}) {
            assertFalse(defaults.trusts(address), address);
        }
    }

    @Test
    void onlyLiteralAddressesCount() {
        assertFalse(defaults.trusts(null));
        assertFalse(defaults.trusts(""));
        assertFalse(defaults.trusts("localhost"), "no DNS lookups, no names");
        assertFalse(defaults.trusts("127.0.0.1, 8.8.8.8"));
    }

    @Test
    void singleAddressesAndOddPrefixes() {
        TrustedProxies one = TrustedProxies.parse("10.0.0.5, 192.168.4.0/23");
        assertTrue(one.trusts("10.0.0.5"));
        assertFalse(one.trusts("10.0.0.6"));
        assertTrue(one.trusts("192.168.5.200"));
        assertFalse(one.trusts("192.168.6.1"));
        assertFalse(TrustedProxies.parse("").trusts("127.0.0.1"), "an empty list trusts nobody");
    }

    @Test
    void nonsenseIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("nginx"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/x"));
    }
}
