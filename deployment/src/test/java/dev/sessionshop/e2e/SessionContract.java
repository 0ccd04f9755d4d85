package dev.sessionshop.e2e;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * What every strategy promises, written once: each strategy's end-to-end class implements this and adds
 * only what is its own (its labs, its failover). The session cookie is the strategy's: {@code SHOPSESSION}
 * with the Redis store, {@code JSESSIONID} otherwise.
 */
interface SessionContract {

    @Test
    @Order(15)
    default void signInGivesANewIdAndKillsTheOldOne(Topology shop) {
        SessionSecurity.signInChangesTheIdAndKillsTheOldOne(shop, shop.strategy().sessionCookie());
    }

    @Test
    @Order(16)
    default void sessionCookieIsSecureOnlyWhenTheTrustedProxySaysHttps(Topology shop) {
        SessionSecurity.sessionCookieIsSecureOnlyWhenTheTrustedProxySaysHttps(shop, shop.strategy().sessionCookie());
    }

    @Test
    @Order(17)
    default void hostileInputGetsAClearAnswerAndHarmsNoOne(Topology shop) {
        HostileInput.everyHostileRequestGetsAClearAnswerAndHarmsNoOne(shop, shop.strategy().sessionCookie());
    }

    @Test
    @Order(18)
    default void hostileCorpusGetsItsStatusWithoutStackTraceProductNameOrNewSession(Topology shop) {
        HostileCorpus.eachCaseGetsItsStatusWithoutStackTraceProductNameOrNewSession(shop, shop.strategy().sessionCookie());
    }

    @Test
    @Order(40)
    default void forgedMalformedOrOverlongSessionCookieGetsAFreshSession(Topology shop) {
        Carts.forgedMalformedAndOverlongCookiesGetAFreshSession(shop, shop.strategy().sessionCookie());
    }
}
