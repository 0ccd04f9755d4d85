package dev.sessionshop.web.labs;

import java.net.URI;

/** An instance a lab sends requests to: its name and its own URL (not nginx's). */
record LabTarget(String name, URI url) {
}
