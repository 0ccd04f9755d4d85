package dev.sessionshop.web.api;

import dev.sessionshop.cart.ShopException;
import dev.sessionshop.web.cart.IdempotencyKeyException;
import dev.sessionshop.web.error.ErrorResponses;
import dev.sessionshop.web.error.Problem;
import dev.sessionshop.web.labs.LabBasketFullException;
import dev.sessionshop.web.labs.LabUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure of the API into a problem document with the right status; never a stack trace. */
final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    static Response problem(int status, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, detail).toJson()).build();
    }

    /** The shop's rules said no: unknown product, bad quantity, line not in the cart. */
    @Provider
    public static class Refusals implements ExceptionMapper<ShopException> {
        @Override
        public Response toResponse(ShopException refused) {
            return problem(ErrorResponses.statusOf(refused), refused.getMessage());
        }
    }

    @Provider
    public static class BadBodies implements ExceptionMapper<BadJsonException> {
        @Override
        public Response toResponse(BadJsonException bad) {
            return problem(400, bad.getMessage());
        }
    }

    /** A malformed Idempotency-Key (400), or one already used for another change (422). */
    @Provider
    public static class IdempotencyKeys implements ExceptionMapper<IdempotencyKeyException> {
        @Override
        public Response toResponse(IdempotencyKeyException refused) {
            return problem(refused.status(), refused.getMessage());
        }
    }

    /** A lab cannot run: the labs are off (403), or too few instances are up (409). */
    @Provider
    public static class LabsUnavailable implements ExceptionMapper<LabUnavailableException> {
        @Override
        public Response toResponse(LabUnavailableException unavailable) {
            return problem(unavailable.status(), unavailable.getMessage());
        }
    }

    /** Lab 1's basket is full: 409, it stays as it was until a reset. */
    @Provider
    public static class LabBasketFull implements ExceptionMapper<LabBasketFullException> {
        @Override
        public Response toResponse(LabBasketFullException full) {
            return problem(409, full.getMessage());
        }
    }

    /** JAX-RS's own refusals: no such endpoint (404), wrong method (405), wrong content type (415)… */
    @Provider
    public static class Framework implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                LOG.log(Level.SEVERE, "API request failed", e);
            }
            return problem(status, Problem.defaultDetail(status));
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable failure) {
            LOG.log(Level.SEVERE, "Unexpected API failure", failure);
            return problem(500, Problem.defaultDetail(500));
        }
    }
}
