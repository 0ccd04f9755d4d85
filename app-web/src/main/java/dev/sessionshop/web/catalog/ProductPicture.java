package dev.sessionshop.web.catalog;

import dev.sessionshop.catalog.Product;
import java.util.Map;

/** Draws a product as a small SVG: a tinted card with a simple line drawing of its kind. */
final class ProductPicture {

    private static final String DEFAULT_SHAPE = "bag";
    private static final Map<String, String> SHAPES = Map.of(
            "bean", "<ellipse cx='100' cy='100' rx='42' ry='58' transform='rotate(-30 100 100)'/>"
                    + "<path d='M118 48 C 80 80, 120 120, 82 152' fill='none'/>",
            "leaf", "<path d='M50 150 C 50 70, 110 40, 160 40 C 160 100, 130 150, 50 150 Z'/>"
                    + "<path d='M50 150 L 130 70' fill='none'/>",
            "mug", "<rect x='55' y='60' width='80' height='90' rx='10'/>"
                    + "<path d='M135 80 h 15 a 18 18 0 0 1 0 36 h -15' fill='none'/>",
            "cone", "<path d='M45 60 H 155 L 115 140 H 85 Z'/><rect x='70' y='140' width='60' height='12' rx='4'/>",
            "grinder", "<rect x='65' y='80' width='70' height='80' rx='8'/><rect x='80' y='55' width='40' height='25'/>"
                    + "<path d='M100 55 V 35 H 150' fill='none'/><circle cx='150' cy='35' r='7'/>",
            "jug", "<path d='M60 60 H 135 L 150 45 L 140 75 V 150 H 60 Z'/><path d='M60 80 h -15 v 45 h 15' fill='none'/>",
            "kettle", "<path d='M55 150 Q 50 80 100 75 Q 150 80 145 150 Z'/><path d='M145 120 Q 170 100 175 60' fill='none'/>"
                    + "<path d='M75 75 Q 100 40 125 75' fill='none'/>",
            "scale", "<rect x='40' y='110' width='120' height='40' rx='8'/><rect x='55' y='95' width='90' height='15' rx='4'/>"
                    + "<rect x='80' y='122' width='40' height='16' rx='3'/>",
            "bag", "<rect x='50' y='75' width='100' height='85' rx='6'/><path d='M75 75 Q 75 40 100 40 Q 125 40 125 75' fill='none'/>");

    private ProductPicture() {
    }

    static String svg(Product product) {
        int hue = Math.floorMod(product.hue(), 360);
        String shape = SHAPES.getOrDefault(product.shape(), SHAPES.get(DEFAULT_SHAPE));
        return "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 200' role='img' aria-label='"
                + escape(product.name()) + "'>"
                + "<rect width='200' height='200' rx='16' fill='hsl(" + hue + " 70% 92%)'/>"
                + "<g fill='hsl(" + hue + " 55% 55%)' stroke='hsl(" + hue + " 60% 25%)' stroke-width='6'"
                + " stroke-linecap='round' stroke-linejoin='round'>" + shape + "</g></svg>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;");
    }
}
