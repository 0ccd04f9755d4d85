/**
 * Container-free checks of the deployment files themselves (surefire, no servers): the launcher's
 * command line contract and the nginx templates, which the local launcher and the nginx Docker image
 * both render.
 */
package dev.sessionshop.deployment;
