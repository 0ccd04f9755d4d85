package dev.sessionshop.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a topology started once for the class with
 * {@code deployment/shop up <strategy>} and always stopped with {@code deployment/shop down} afterwards.
 * Test methods (or the constructor) can take a {@link Topology} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TopologyExtension.class)
public @interface ShopTopology {

    Strategy value();
}
