package dev.sessionshop.web;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every Arquillian test of the shop shares: the built WAR deployed on a managed Payara Micro, its URL,
 * and a new shopper (an empty cookie jar) before each test. Arquillian finds the deployment method and the
 * resource field in this superclass.
 */
@ExtendWith(ArquillianExtension.class)
abstract class OnDeployedShop {

    @ArquillianResource
    protected URL deploymentUrl;

    protected ShopClient shopper;

    @Deployment(testable = false)
    static WebArchive shop() {
        return ShopDeployment.builtWar();
    }

    @BeforeEach
    void newShopper() throws Exception {
        shopper = new ShopClient(deploymentUrl.toURI());
    }
}
