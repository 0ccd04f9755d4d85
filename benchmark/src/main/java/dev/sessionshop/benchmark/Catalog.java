package dev.sessionshop.benchmark;

import java.util.List;

/** The product ids the shoppers pick from: the shop's catalogue (app-ejb's catalog/products.json). */
final class Catalog {

    static final List<String> PRODUCT_IDS = List.of(
            "espresso-beans", "filter-beans", "green-tea", "earl-grey", "stoneware-mug", "espresso-cups",
            "pour-over-dripper", "paper-filters", "hand-grinder", "milk-jug", "teapot", "kettle", "scale", "tote-bag");

    /** The most of one product a cart line may hold (app-ejb's Quantity.MAX). */
    static final int MAX_QUANTITY = 99;

    private Catalog() {
    }
}
