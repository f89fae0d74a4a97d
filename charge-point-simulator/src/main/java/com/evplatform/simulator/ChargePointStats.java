package com.evplatform.simulator;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of one charge point's message counters.
 *
 * @param callsSent CALLs sent (BootNotification, Heartbeat, StatusNotification, ...)
 * @param callResultsReceived CALLRESULTs received for them
 * @param callErrorsReceived CALLERRORs received for them
 * @param callTimeouts CALLs given up after the call timeout
 * @param incomingCallsAnswered CALLs from the central system answered with a CALLRESULT or CALLERROR
 * @param framesSent WebSocket text frames sent
 * @param framesReceived WebSocket text frames received
 * @param framesIgnored frames received that could not be parsed or matched no outstanding CALL
 * @param connects successful WebSocket connections
 * @param reconnects successful connections after the first
 * @param connectFailures failed connection attempts, refused handshakes and timeouts included
 * @param connectTimeouts connection attempts given up after the connect timeout
 * @param handshakesRefused handshakes the central system refused, by HTTP status (401, 429, 503, ...)
 * @param queuedCalls CALLs waiting to be sent now
 * @param droppedMessages MeterValues dropped because the offline queue was full
 * @param recentCallErrors the last few CALLERRORs received, oldest first
 */
public record ChargePointStats(long callsSent, long callResultsReceived, long callErrorsReceived, long callTimeouts,
        long incomingCallsAnswered, long framesSent, long framesReceived, long framesIgnored, long connects,
        long reconnects, long connectFailures, long connectTimeouts, Map<Integer, Long> handshakesRefused, int queuedCalls, long droppedMessages,
        List<ReceivedCallError> recentCallErrors) {
}
