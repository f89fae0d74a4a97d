package com.evplatform.simulator;

import java.util.Map;

/**
 * The counters of all charge points of a {@link Simulator} added up, plus how many are connected, booted and
 * charging right now.
 *
 * @param chargePoints simulated charge points
 * @param connected charge points with an open WebSocket
 * @param booted charge points whose BootNotification was accepted on the current connection
 * @param chargingConnectors connectors in a transaction that is drawing energy
 * @param callsSent see {@link ChargePointStats}
 * @param callResultsReceived see {@link ChargePointStats}
 * @param callErrorsReceived see {@link ChargePointStats}
 * @param callTimeouts see {@link ChargePointStats}
 * @param incomingCallsAnswered see {@link ChargePointStats}
 * @param framesSent see {@link ChargePointStats}
 * @param framesReceived see {@link ChargePointStats}
 * @param framesIgnored see {@link ChargePointStats}
 * @param reconnects see {@link ChargePointStats}
 * @param connectFailures see {@link ChargePointStats}
 * @param connectTimeouts see {@link ChargePointStats}
 * @param handshakesRefused see {@link ChargePointStats}
 * @param queuedCalls see {@link ChargePointStats}
 * @param droppedMessages see {@link ChargePointStats}
 * @param lastConnectError the message of some charge point's latest failed connect, or null
 */
public record SimulatorStats(int chargePoints, int connected, int booted, int chargingConnectors, long callsSent,
        long callResultsReceived, long callErrorsReceived, long callTimeouts, long incomingCallsAnswered,
        long framesSent, long framesReceived, long framesIgnored, long reconnects, long connectFailures, long connectTimeouts, Map<Integer, Long> handshakesRefused,
        long queuedCalls, long droppedMessages, String lastConnectError) {
}
