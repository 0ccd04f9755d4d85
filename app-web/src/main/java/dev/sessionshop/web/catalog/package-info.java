/** The catalog's pages: the product list, a product's page, and the SVG pictures drawn for each product. */
package dev.sessionshop.web.catalog;
