package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The nginx templates are rendered by two programs (deployment/shop and the nginx image's envsubst),
 * which substitute only the variables they are given: an unknown ${NAME} would reach nginx verbatim.
 */
class NginxTemplatesTest {

    private static final Path NGINX = Path.of(System.getProperty("shop.nginxDir", "../nginx"));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** What deployment/shop renders (and what docker compose must define). */
    private static final Map<String, String> LOCAL_VALUES = Map.of(
            "NGINX_LISTEN", "127.0.0.1:18080",
            "SHOP_UPSTREAM_1", "127.0.0.1:18081",
            "SHOP_UPSTREAM_2", "127.0.0.1:18082",
            "SHOP_UPSTREAM_3", "127.0.0.1:18083");

    @ParameterizedTest
    @ValueSource(strings = {"sticky.conf.template", "round-robin.conf.template", "route-cookie.conf.template"})
    void templatesUseOnlyTheVariablesTheLauncherRenders(String template) throws IOException {
        assertEquals(LOCAL_VALUES.keySet(), placeholders(NGINX.resolve("templates").resolve(template)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop-proxy.conf", "local/nginx.conf"})
    void plainConfigFilesHaveNoPlaceholders(String file) throws IOException {
        assertEquals(Set.of(), placeholders(NGINX.resolve(file)));
    }

    @Test
    void launcherRendersExactlyTheseVariables() throws IOException {
        String launcher = Files.readString(Path.of("shop"), StandardCharsets.UTF_8);
        assertTrue(launcher.contains("NGINX_LISTEN SHOP_UPSTREAM_1 SHOP_UPSTREAM_2 SHOP_UPSTREAM_3"),
                "deployment/shop's render_template call names other variables than this test");
    }

    @Test
    void realIpIsTrustedOnlyInTheLocalConfiguration() throws IOException {
        assertTrue(Files.readString(NGINX.resolve("local/nginx.conf")).contains("set_real_ip_from 127.0.0.1;"));
        for (String shared : new String[] {"shop-proxy.conf", "templates/sticky.conf.template", "templates/round-robin.conf.template",
                "templates/route-cookie.conf.template"}) {
            assertFalse(Files.readString(NGINX.resolve(shared)).contains("set_real_ip_from"), shared);
        }
    }

    @Test
    void forwardedProtoIsNginxsOwnSchemeNeverTheClients() throws IOException {
        String proxy = Files.readString(NGINX.resolve("shop-proxy.conf"));
        assertTrue(proxy.contains("proxy_set_header X-Forwarded-Proto $scheme;"), "set, which replaces the client's header");
        assertFalse(proxy.contains("$http_x_forwarded_proto"), "never pass on what the client claimed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sticky.conf.template", "round-robin.conf.template", "route-cookie.conf.template"})
    void renderedConfigurationPassesNginxSyntaxCheck(String template, @org.junit.jupiter.api.io.TempDir Path prefix)
            throws IOException, InterruptedException {
        Path nginx = Path.of("/usr/sbin/nginx");
        assertTrue(Files.isExecutable(nginx), "these tests run the real nginx: apt-get install -y nginx (.ci/run does)");
        Path conf = Files.createDirectories(prefix.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(conf.resolve("temp"));
        Files.copy(NGINX.resolve("local/nginx.conf"), conf.resolve("nginx.conf"));
        Files.copy(NGINX.resolve("shop-proxy.conf"), conf.resolve("shop-proxy.conf"));
        String text = Files.readString(NGINX.resolve("templates").resolve(template));
        for (Map.Entry<String, String> variable : LOCAL_VALUES.entrySet()) {
            text = text.replace("${" + variable.getKey() + "}", variable.getValue());
        }
        Files.writeString(conf.resolve("shop.conf"), text);

        Process check = new ProcessBuilder(nginx.toString(), "-t", "-p", prefix + "/", "-c", "nginx/nginx.conf",
                "-e", "logs/nginx.log").redirectErrorStream(true).start();
        assertTrue(check.waitFor(30, TimeUnit.SECONDS), "nginx -t hung");
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.exitValue(), output);
    }

    private static Set<String> placeholders(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
