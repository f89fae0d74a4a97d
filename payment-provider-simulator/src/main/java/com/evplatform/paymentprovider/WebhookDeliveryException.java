package com.evplatform.paymentprovider;

/** The webhook could not be delivered at all: nothing answered, the request timed out or the caller was interrupted. */
public final class WebhookDeliveryException extends RuntimeException {

    public WebhookDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
