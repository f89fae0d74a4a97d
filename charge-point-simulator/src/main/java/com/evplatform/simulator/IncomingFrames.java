package com.evplatform.simulator;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Routes each text frame from the central system: a reply to a frame sent raw goes back to its sender, a
 * CALLRESULT or CALLERROR to the queued call it answers, and a CALL is answered as {@link IncomingCalls} decides,
 * its effect running once the answer is on the wire. Used only on the charge point's serial executor, except for
 * {@link #lastFrameReceived()}.
 */
final class IncomingFrames {

    /** Logs under the charge point's public class, the name users configure logging for. */
    private static final System.Logger LOG = System.getLogger(SimulatedChargePoint.class.getName());

    private record RawExchange(String uniqueId, CompletableFuture<String> reply) {
    }

    private final String chargePointId;
    private final Counters counters;
    private final ConnectionLifecycle link;
    private final IncomingCalls incomingCalls;
    private final List<RawExchange> rawExchanges = new ArrayList<>();

    private volatile String lastFrameReceived;

    IncomingFrames(String chargePointId, Counters counters, ConnectionLifecycle link, IncomingCalls incomingCalls) {
        this.chargePointId = chargePointId;
        this.counters = counters;
        this.link = link;
        this.incomingCalls = incomingCalls;
    }

    /** The last text frame received, whatever it was; readable from any thread. */
    Optional<String> lastFrameReceived() {
        return Optional.ofNullable(lastFrameReceived);
    }

    /**
     * Sends a text frame as is, outside the one-call-in-flight queue.
     *
     * @param reply completed with the reply: for a CALL, the CALLRESULT or CALLERROR with its unique id; otherwise
     *     the next frame
     */
    void sendRaw(String frame, CompletableFuture<String> reply) {
        if (!link.isOpen()) {
            reply.completeExceptionally(new IllegalStateException(chargePointId + " is not connected"));
            return;
        }
        String uniqueId = null;
        try {
            if (OcppFrame.parse(frame) instanceof OcppFrame.Call call) {
                uniqueId = call.uniqueId();
            }
        } catch (OcppFrame.MalformedFrameException e) {
            uniqueId = null;
        }
        rawExchanges.add(new RawExchange(uniqueId, reply));
        link.send(frame);
    }

    /** The connection ended: replies to raw frames will not come. */
    void connectionEnded() {
        for (RawExchange exchange : rawExchanges) {
            exchange.reply().completeExceptionally(new IllegalStateException(chargePointId + ": connection ended"));
        }
        rawExchanges.clear();
    }

    void received(String text) {
        counters.framesReceived.incrementAndGet();
        lastFrameReceived = text;
        OcppFrame frame;
        try {
            frame = OcppFrame.parse(text);
        } catch (OcppFrame.MalformedFrameException e) {
            counters.framesIgnored.incrementAndGet();
            answerRawExchange(null, text);
            LOG.log(Level.DEBUG, () -> chargePointId + ": ignored frame (" + e.getMessage() + "): " + text);
            return;
        }
        if (answerRawExchange(frame, text)) {
            return;
        }
        switch (frame) {
            case OcppFrame.Call call -> answer(call);
            case OcppFrame.CallResult result -> completeCall(result, text);
            case OcppFrame.CallError error -> completeCall(error, text);
        }
    }

    private void completeCall(OcppFrame response, String text) {
        if (!link.completeCall(response, text)) {
            counters.framesIgnored.incrementAndGet();
        }
    }

    /** @return true if the frame is the reply to a raw CALL and needs no further handling */
    private boolean answerRawExchange(OcppFrame frame, String text) {
        Iterator<RawExchange> exchanges = rawExchanges.iterator();
        while (exchanges.hasNext()) {
            RawExchange exchange = exchanges.next();
            if (exchange.uniqueId() == null) {
                exchanges.remove();
                exchange.reply().complete(text);
            } else if (frame != null && !(frame instanceof OcppFrame.Call)
                    && exchange.uniqueId().equals(frame.uniqueId())) {
                exchanges.remove();
                exchange.reply().complete(text);
                return true;
            }
        }
        return false;
    }

    private void answer(OcppFrame.Call call) {
        if (link.registration() == RegistrationStatus.REJECTED) {
            counters.framesIgnored.incrementAndGet();
            return;
        }
        IncomingCalls.Answer answer;
        try {
            answer = incomingCalls.answer(call);
        } catch (OcppException e) {
            counters.incomingCallsAnswered.incrementAndGet();
            link.send(OcppFrame.callError(call.uniqueId(), e.errorCode(), e.getMessage()));
            return;
        }
        counters.incomingCallsAnswered.incrementAndGet();
        link.send(OcppFrame.callResult(call.uniqueId(), answer.payload()));
        answer.then().run();
    }
}
