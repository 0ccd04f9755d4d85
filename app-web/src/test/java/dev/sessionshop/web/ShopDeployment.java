package dev.sessionshop.web;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archive the integration tests deploy: the real WAR that {@code mvn package} built, not a hand-listed
 * selection of classes, so the tests see what users run.
 */
final class ShopDeployment {

    private ShopDeployment() {
    }

    static WebArchive builtWar() {
        String path = System.getProperty("shop.war", "target/session-shop.war");
        File war = new File(path);
        if (!war.isFile()) {
            throw new IllegalStateException("The built WAR is missing at " + war.getAbsolutePath()
                    + "; run the integration tests through Maven (mvn verify), which packages it first.");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
