package dev.sessionshop.web.labs;

import dev.sessionshop.web.config.SessionStrategy;
import dev.sessionshop.web.location.ClusterView;
import dev.sessionshop.web.location.Peer;
import dev.sessionshop.web.session.InstanceIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Runs labs 1–3. Each run gets a fresh cookie jar, so it works in a session of its own, and sends its
 * requests to the instances' own URLs: "A" is the instance that serves the lab request, "B" and "C" the
 * other instances that are up. Observations use {@code GET /api/labs/peek}, which never writes the
 * session: an observer that wrote (a page view counts the request with {@code setAttribute}) would change
 * what it observes.
 */
@ApplicationScoped
public class Labs {

    /** Payara writes the session to the grid as the request ends; give it this long to arrive elsewhere. */
    static final Duration CLUSTER_WINDOW = Duration.ofSeconds(3);
    public static final int MIN_REQUESTS = 2;
    public static final int MAX_REQUESTS = 50;
    static final String LAB_PRODUCT = "paper-filters";

    @Inject
    private ClusterView cluster;

    private HttpClient http;

    @PostConstruct
    void createClient() {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Lab 1: change the basket in place, and see where the change is (not) visible. */
    public LabReport inPlaceMutation(SessionStrategy strategy) {
        Run run = new Run("in-place", strategy, 2);
        LabTarget a = run.a();
        LabTarget b = run.b();

        LabClient.Reply created = run.basket(a, "reset", null, "new session; an empty basket, stored with setAttribute");
        if (!created.ok()) {
            return run.abort("the first request failed: " + run.lastOutcome());
        }
        run.await(b, List.of(), "reads the session");

        List<String> afterInPlace = basketOf(run.basket(a, "in-place", "kettle",
                "adds a kettle to the basket IN PLACE: no setAttribute, nothing else set"));
        Peek bSees = run.await(b, afterInPlace, "reads the basket");
        boolean travelled = bSees.hasSession() && afterInPlace.equals(bSees.basket());
        Peek aSees = run.peek(a, "reads the basket again (a new request)");
        boolean kept = afterInPlace.equals(aSees.basket());

        List<String> afterTouch = basketOf(run.basket(a, "in-place-and-touch", "teapot",
                "adds a teapot IN PLACE, and in the same request sets ANOTHER attribute"));
        Peek bSeesTouch = run.await(b, afterTouch, "reads the basket");
        boolean travelledWithOther = bSeesTouch.hasSession() && afterTouch.equals(bSeesTouch.basket());

        List<String> afterWriteBack = basketOf(run.basket(a, "write-back", "stoneware-mug",
                "adds a mug and writes the basket back with setAttribute"));
        Peek bSeesWriteBack = run.await(b, afterWriteBack, "reads the basket");
        boolean writeBackTravelled = bSeesWriteBack.hasSession() && afterWriteBack.equals(bSeesWriteBack.basket());

        LabReport report = run.report;
        report.finding("otherInstanceHasTheSession", bSees.hasSession());
        report.finding("inPlaceChangeReachedOtherInstance", travelled);
        report.finding("inPlaceChangeKeptOnServingInstance", kept);
        report.finding("inPlaceChangeTravelledWithAnotherAttribute", travelledWithOther);
        report.finding("writtenBackChangeReachedOtherInstance", writeBackTravelled);
        if (!bSees.hasSession()) {
            report.conclude(b.name() + " never had this session: it lives only in " + a.name()
                    + "'s memory, so there is nothing to replicate and nothing to go stale while that instance lives.");
        } else {
            report.conclude(!travelled ? "The in-place change never reached " + b.name() + ": nobody told the session that it changed."
                    : strategy.home() == SessionStrategy.Home.DATA_GRID ? "The in-place change reached " + b.name() + " all the same: "
                            + "Payara writes the whole session back to the data grid at the end of every request that used it, "
                            + "changed or not. Convenient here; it also means a full-session write on every request, reads included."
                    : "The in-place change reached " + b.name() + ".");
            report.conclude(kept && !travelled ? a.name() + " still shows it, from its own copy: the bug hides on the instance that made it."
                    : kept ? a.name() + " shows it too."
                    : "Even " + a.name() + " lost it: the store reads the session afresh on every request and saved only attributes set with setAttribute.");
            report.conclude(travelledWithOther
                    ? "Setting another attribute in the same request made the whole session travel, the in-place change with it, by accident."
                    : "Setting another attribute in the same request saved only that attribute, not the changed basket.");
            report.conclude(writeBackTravelled ? "Written back with setAttribute, the change reached " + b.name() + "."
                    : "Even the written-back change did not reach " + b.name() + ".");
        }
        return report;
    }

    /** Lab 2: N parallel add-to-cart requests of one session, sent where this strategy's balancer would. */
    public LabReport concurrentUpdates(SessionStrategy strategy, int requests) {
        Run run = new Run("concurrent", strategy, strategy.pinsClient() ? 1 : 2);
        LabTarget a = run.a();
        // ip_hash and the route cookie send one client to one instance; round robin spreads its requests over all.
        List<LabTarget> targets = strategy.pinsClient() ? List.of(a) : run.all();

        LabClient.Reply first = run.addToCart(a, 1, "new session; adds one pack of " + LAB_PRODUCT);
        if (!first.ok()) {
            return run.abort("the first request failed: " + run.lastOutcome());
        }
        for (LabTarget target : targets) {
            if (target != a) {
                run.awaitQuantity(target, 1, "reads the cart");
            }
        }

        List<CompletableFuture<LabClient.Reply>> burst = new ArrayList<>();
        JsonObject add = Json.createObjectBuilder().add("productId", LAB_PRODUCT).add("quantity", 1).build();
        for (int i = 0; i < requests; i++) {
            burst.add(run.client.postAsync(targets.get(i % targets.size()), "api/cart/items", add));
        }
        Map<String, Integer> sentTo = new TreeMap<>();
        int acknowledged = 0;
        for (int i = 0; i < requests; i++) {
            LabClient.Reply reply = burst.get(i).join();
            sentTo.merge(targets.get(i % targets.size()).name(), 1, Integer::sum);
            if (reply.ok()) {
                acknowledged++;
            }
        }
        run.report.step(String.join(", ", sentTo.keySet()),
                requests + " add-one requests AT ONCE (" + sentTo + ")",
                acknowledged + " answered 2xx, each with the cart as that request saw it");

        int expected = 1 + acknowledged;
        int highest = 0;
        JsonArrayBuilder views = Json.createArrayBuilder();
        List<Integer> seen = new ArrayList<>();
        for (LabTarget target : targets) {
            Peek peek = run.awaitQuantity(target, expected, "reads the cart afterwards");
            int quantity = peek.quantityOf(LAB_PRODUCT);
            seen.add(quantity);
            highest = Math.max(highest, quantity);
            views.add(Json.createObjectBuilder().add("instance", target.name()).add("quantity", quantity));
        }
        int lost = expected - highest;
        LabReport report = run.report;
        report.finding("requests", requests);
        report.finding("acknowledged", acknowledged);
        report.finding("expectedQuantity", expected);
        report.finding("finalQuantity", highest);
        report.finding("lostUpdates", lost);
        report.finding("instancesAgree", seen.stream().distinct().count() == 1);
        report.finding("views", views);
        report.conclude(acknowledged + " requests were acknowledged, so the cart should hold " + expected
                + " packs; the best any instance shows is " + highest + ": " + lost + " acknowledged update"
                + (lost == 1 ? " was" : "s were") + " lost.");
        report.conclude(lost > 0
                ? "Each request read the cart when it started and wrote its own version back when it ended: the last writer wins, silently."
                : strategy.home().outsideInstances()
                ? "The store keeps a version of each session: a request whose cart changed since it read it was refused the write, "
                        + "read the newer cart and added again, on whichever instance it ran."
                : "On one instance the requests of one session change one object in memory, one after the other.");
        return report;
    }

    /**
     * Lab 3: B holds its own copy of the session (it served a change) when A changes the cart. B is then asked
     * with the version cookie it handed out itself before that change (a replayed request, a second tab),
     * without the version cookie, and with the current one; last, A, which made the change, reads the cart.
     *
     * <p>Why the order (Payara 6.2025.10, {@code ReplicationManagerBase.findSession(id, version)}): an instance
     * never drops a copy it served before the session expires, and serves that copy, without asking the grid,
     * whenever the request names the copy's version or an older one; only a newer version makes it reload.
     * So the old cookie gets the stale copy in every run. Without the cookie the request runs with whatever
     * version the previous request on that worker thread carried ({@code Request.recycle()} does not clear
     * it), or none (no session found): asked first, B would reload or not by luck. Every request that found
     * the session writes it back whole, with no check that the grid holds a newer one; the pause lets the
     * stale write-back reach the grid before the next read.
     */
    public LabReport versionCookie(SessionStrategy strategy) {
        Run run = new Run("version-cookie", strategy, 2);
        LabTarget a = run.a();
        LabTarget b = run.b();

        LabClient.Reply first = run.addToCart(a, "kettle", "new session; adds a kettle");
        if (!first.ok()) {
            return run.abort("the first request failed: " + run.lastOutcome());
        }
        LabClient.Reply onB = run.addToCart(b, "green-tea", "adds a green tea");
        boolean bHasTheSession = onB.ok() && onB.json().getInt("itemCount") == 2;
        LabReport report = run.report;
        report.finding("otherInstanceHasTheSession", bHasTheSession);
        if (!bHasTheSession) {
            report.conclude(b.name() + " did not know the session with the kettle: it has no copy of it, whatever cookies "
                    + "come with the request" + (strategy.home() == SessionStrategy.Home.INSTANCE_MEMORY ? "; only " + a.name() + " holds it, "
                    + "and there is no copy to go stale." : "."));
            return report;
        }
        run.readCart(b, "shows the cart (GET /api/cart, an ordinary request): it holds a copy of the session now");
        Optional<String> oldVersion = run.client.jar().value(LabCookieJar.VERSION_COOKIE);
        run.addToCart(a, "teapot", "adds a teapot");
        run.c().ifPresentOrElse(c -> run.awaitQuantity(c, "teapot", 1, "reads the cart: the teapot is in the grid"),
                () -> run.pause(CLUSTER_WINDOW, strategy));

        Optional<Peek> replayed = oldVersion.map(version -> run.peek(b, "reads the cart with the OLD "
                + LabCookieJar.VERSION_COOKIE + "=" + version + ", the one it handed out itself before the teapot "
                + "(a replayed request, a second tab)", Set.of(), Map.of(LabCookieJar.VERSION_COOKIE, version)));
        run.pause(CLUSTER_WINDOW, strategy);
        Peek without = run.peek(b, "reads the cart WITHOUT the " + LabCookieJar.VERSION_COOKIE + " cookie",
                Set.of(LabCookieJar.VERSION_COOKIE), Map.of());
        Peek current = run.peek(b, "reads the cart with every cookie as the client holds them now");
        Peek after = run.peek(a, "reads the cart with every cookie as the client holds them now: it added the teapot");

        boolean staleReplayed = replayed.orElse(without).quantityOf("teapot") == 0;
        boolean staleWithout = without.quantityOf("teapot") == 0;
        boolean fresh = current.quantityOf("teapot") == 1;
        boolean survived = after.quantityOf("teapot") == 1;
        report.finding("versionCookieIssued", oldVersion.isPresent());
        report.finding("staleWithOldVersionCookie", staleReplayed);
        report.finding("staleWithoutVersionCookie", staleWithout);
        report.finding("sessionFoundWithoutVersionCookie", without.hasSession());
        report.finding("freshWithCurrentCookies", fresh);
        report.finding("lastChangeSurvived", survived);
        if (oldVersion.isEmpty()) {
            report.conclude("There is no version cookie: " + b.name() + " keeps no copy and reads the store on every request"
                    + (staleWithout || !fresh ? ", yet it did not show the teapot each time." : ", so it showed the teapot each time."));
        } else {
            report.conclude(staleReplayed ? "With the version cookie it had handed out before the teapot, " + b.name()
                    + " served its own copy without asking the grid: no teapot. An instance keeps every session it served "
                    + "until the session expires, and reloads it only when the cookie names a newer version than its copy."
                    : "With the old version cookie " + b.name() + " showed the teapot.");
            report.conclude((!without.hasSession() ? "Without the version cookie it found no session at all. "
                    : "Without the version cookie it showed " + (staleWithout ? "no teapot either. " : "the teapot. "))
                    + "Whether it finds the session, and which copy, is luck: Payara then uses the version of the previous "
                    + "request its worker thread served, any session's, or none (and finds no session). Asked before the "
                    + "stale read, it might have reloaded the teapot, or answered as to a new visitor.");
            report.conclude(fresh ? "With the current cookie it showed the teapot."
                    : "Even with the current cookie it showed no teapot: after the stale read Payara wrote " + b.name()
                            + "'s copy back to the grid whole (it writes every session a request used, and does not check "
                            + "that the grid's is newer), so its own copy and the grid's are both stale now.");
        }
        report.conclude(survived ? "The teapot survived."
                : "The teapot is gone for everyone, even on " + a.name() + ", which added it: the cookie was newer than "
                        + a.name() + "'s own copy, so it reloaded the stale copy from the grid.");
        return report;
    }

    private static List<String> basketOf(LabClient.Reply reply) {
        return reply.json() == null || reply.json().isNull("basket") ? List.of()
                : reply.json().getJsonArray("basket").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList();
    }

    /** The instances a run may use: this one first, then the others that are up, in configured order. */
    private List<LabTarget> upInstances() {
        String self = InstanceIdentity.current().name();
        List<LabTarget> targets = new ArrayList<>();
        List<Peer> peers = cluster.instances();
        peers.stream().filter(Peer::self).filter(peer -> peer.url() != null)
                .forEach(peer -> targets.add(new LabTarget(peer.name(), URI.create(peer.url()))));
        peers.stream().filter(peer -> !peer.self() && peer.up() && !peer.name().equals(self))
                .forEach(peer -> targets.add(new LabTarget(peer.name(), URI.create(peer.url()))));
        return targets;
    }

    /** One lab run: its cookie jar, the instances it uses, and the report it writes as it goes. */
    private final class Run {

        final LabClient client = new LabClient(http);
        final LabReport report;
        final SessionStrategy strategy;
        final List<LabTarget> targets;
        private String lastOutcome = "";

        Run(String lab, SessionStrategy strategy, int instancesNeeded) {
            this.strategy = strategy;
            this.report = new LabReport(lab, strategy.id(), InstanceIdentity.current().name());
            this.targets = upInstances();
            if (targets.size() < instancesNeeded || !targets.get(0).name().equals(InstanceIdentity.current().name())) {
                throw new LabUnavailableException(409, "This lab needs " + instancesNeeded + " instance"
                        + (instancesNeeded == 1 ? "" : "s") + " up and listed in shop.instances (SHOP_INSTANCES); "
                        + "this instance sees " + targets.size() + ".");
            }
        }

        LabTarget a() {
            return targets.get(0);
        }

        LabTarget b() {
            return targets.get(1);
        }

        Optional<LabTarget> c() {
            return targets.size() > 2 ? Optional.of(targets.get(2)) : Optional.empty();
        }

        List<LabTarget> all() {
            return targets;
        }

        String lastOutcome() {
            return lastOutcome;
        }

        LabClient.Reply basket(LabTarget target, String change, String productId, String action) {
            var body = Json.createObjectBuilder().add("change", change);
            if (productId != null) {
                body.add("productId", productId);
            }
            LabClient.Reply reply = client.post(target, "api/labs/basket", body.build());
            record(target, action, reply, reply.ok() ? "basket " + basketOf(reply) : null);
            return reply;
        }

        LabClient.Reply addToCart(LabTarget target, int quantity, String action) {
            return addToCart(target, LAB_PRODUCT, quantity, action);
        }

        LabClient.Reply addToCart(LabTarget target, String productId, String action) {
            return addToCart(target, productId, 1, action);
        }

        private LabClient.Reply addToCart(LabTarget target, String productId, int quantity, String action) {
            JsonObject body = Json.createObjectBuilder().add("productId", productId).add("quantity", quantity).build();
            LabClient.Reply reply = client.post(target, "api/cart/items", body);
            record(target, action, reply, reply.ok() ? "saved; " + reply.json().getInt("itemCount") + " item(s) in the cart" : null);
            return reply;
        }

        /** An ordinary cart read, counted like a page view (it sets the request counter). */
        LabClient.Reply readCart(LabTarget target, String action) {
            LabClient.Reply reply = client.get(target, "api/cart");
            record(target, action, reply, reply.ok() ? reply.json().getInt("itemCount") + " item(s) in the cart" : null);
            return reply;
        }

        Peek peek(LabTarget target, String action) {
            return peek(target, action, Set.of(), Map.of());
        }

        Peek peek(LabTarget target, String action, Set<String> leaveOut, Map<String, String> replace) {
            Peek peek = Peek.of(client.get(target, "api/labs/peek", leaveOut, replace));
            report.step(target.name(), action, peek.describe(action.contains("basket")));
            return peek;
        }

        /** Peeks at the basket until it is {@code expected}, for at most the strategy's replication window. */
        Peek await(LabTarget target, List<String> expected, String action) {
            return awaitPeek(target, action, true, peek -> expected.equals(peek.basket()));
        }

        Peek awaitQuantity(LabTarget target, int quantity, String action) {
            return awaitQuantity(target, LAB_PRODUCT, quantity, action);
        }

        Peek awaitQuantity(LabTarget target, String productId, int quantity, String action) {
            return awaitPeek(target, action, false, peek -> peek.quantityOf(productId) == quantity);
        }

        /**
         * clustering: Payara writes the session to the grid as the request ends, so another instance may see
         * a change a moment later; poll up to {@link #CLUSTER_WINDOW}. external writes before it answers and
         * sticky has no second copy: one look says it all.
         */
        private Peek awaitPeek(LabTarget target, String action, boolean basketView, Predicate<Peek> arrived) {
            Duration window = strategy.home() == SessionStrategy.Home.DATA_GRID ? CLUSTER_WINDOW : Duration.ZERO;
            long start = System.nanoTime();
            Peek peek = Peek.of(client.get(target, "api/labs/peek"));
            while (!arrived.test(peek) && peek.hasSession() && System.nanoTime() - start < window.toNanos()) {
                sleep(Duration.ofMillis(100));
                peek = Peek.of(client.get(target, "api/labs/peek"));
            }
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            String when = window.isZero() ? "" : arrived.test(peek) ? " (after " + waited + " ms)"
                    : " (waited " + window.toSeconds() + " s)";
            report.step(target.name(), action, peek.describe(basketView) + when);
            return peek;
        }

        void pause(Duration window, SessionStrategy strategy) {
            if (strategy.home() == SessionStrategy.Home.DATA_GRID) {
                sleep(window);
            }
        }

        LabReport abort(String why) {
            report.finding("completed", false);
            report.conclude("The lab could not finish: " + why);
            return report;
        }

        private void record(LabTarget target, String action, LabClient.Reply reply, String success) {
            lastOutcome = success != null ? success
                    : reply.failure() != null ? reply.failure() : "answered " + reply.status();
            report.step(target.name(), action, lastOutcome);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabUnavailableException(503, "The lab was interrupted.");
        }
    }
}
