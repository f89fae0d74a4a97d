package com.evplatform.messaging;

/**
 * A decoded message handed to a {@link MessageHandler}.
 *
 * @param versionCheck how its aggregate version relates to the last one this consumer applied
 *        ({@link VersionCheck#NOT_CHECKED} for consumers that do not track order)
 * @param attempt 0 on the first try, then the number of earlier tries
 */
public record InboundMessage<T>(Envelope envelope, T payload, VersionCheck versionCheck, int attempt) {
}
