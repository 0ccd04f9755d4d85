/** JSON-P from one provider for the whole application ({@link dev.sessionshop.web.json.JsonFactory}). */
package dev.sessionshop.web.json;
