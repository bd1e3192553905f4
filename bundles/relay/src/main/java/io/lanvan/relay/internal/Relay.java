package io.lanvan.relay.internal;

import io.lanvan.api.policy.PolicyService;
import io.lanvan.api.relay.RelayService;
import io.lanvan.api.relay.RelayTickets;
import io.lanvan.api.socket.SocketChannel;
import io.lanvan.api.socket.SocketListener;
import io.lanvan.api.socket.SocketRoute;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay: admits transfers (tickets for signaling to hand out) and forwards binary frames between
 * the two sockets of each transfer. Forwarding happens on the reading thread and blocks until the
 * other side took the frame, so TCP carries a slow receiver's pace back to the sender and the relay
 * holds about one frame per direction per transfer. A side that connected first waits without a
 * thread (see {@link RelayedTransfer}); a timer closes it if its partner never comes, and signaling
 * releases the slot as soon as the transfer ends.
 */
@Component(service = {RelayService.class, SocketRoute.class}, configurationPid = RelayConfig.PID,
        property = {SocketRoute.PATH + "=" + Relay.PATH, SocketRoute.MAX_FRAME_BYTES + ":Integer=" + Relay.MAX_FRAME_BYTES})
@Designate(ocd = RelayConfig.class)
public final class Relay implements RelayService, SocketRoute {
    static final String PATH = "/ws/relay";
    /** A 256 KiB encrypted chunk plus its header. */
    static final int MAX_FRAME_BYTES = 256 * 1024 + 64;
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    private static final Pattern TRANSFER_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final int POLICY_VIOLATION = 1008;
    private static final int UNSUPPORTED_DATA = 1003;
    private static final int SERVER_ERROR = 1011;
    private static final int GOING_AWAY = 1001;

    private final Map<String, RelayedTransfer> transfers = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "lanvan-relay-sweeper"));
    private volatile RelayConfig config;
    /** Optional and dynamic: the relay enforces the deployment mode itself too, not only through signaling. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PolicyService policies;

    @Activate
    public Relay(RelayConfig config) {
        this(config, Clock.systemUTC());
    }

    Relay(RelayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    @Modified
    void modified(RelayConfig config) {
        this.config = config;
    }

    @Override
    public Optional<RelayTickets> admit(String transferId, String offererPeerId, String receiverPeerId) {
        if (!TRANSFER_ID.matcher(transferId).matches()) {
            throw new IllegalArgumentException("transferId must be 8-64 characters [A-Za-z0-9_-]");
        }
        PolicyService currentPolicies = policies;
        if (currentPolicies != null && !currentPolicies.current().mode().allowsRelay()) {
            LOG.info("Relay refused transfer {}: the deployment mode is {}", transferId,
                    currentPolicies.current().mode().wire());
            return Optional.empty();
        }
        sweep();
        if (transfers.size() >= config.maxTransfers() && !transfers.containsKey(transferId)) {
            LOG.warn("Relay refused transfer {}: {} transfers already relayed", transferId, transfers.size());
            return Optional.empty();
        }
        RelayedTransfer transfer = new RelayedTransfer(transferId, token(), token(),
                clock.instant().plus(Duration.ofMinutes(config.ticketMinutes())));
        transfers.put(transferId, transfer);
        return Optional.of(new RelayTickets(PATH + "/" + transferId, transfer.token(RelayedTransfer.Side.OFFERER),
                transfer.token(RelayedTransfer.Side.RECEIVER)));
    }

    @Override
    public SocketListener open(SocketChannel channel, String subPath, Map<String, String> query) {
        String transferId = subPath.startsWith("/") ? subPath.substring(1) : subPath;
        RelayedTransfer transfer = TRANSFER_ID.matcher(transferId).matches() ? transfers.get(transferId) : null;
        if (transfer == null || transfer.expired(clock.instant())) {
            channel.close(POLICY_VIOLATION, "Unknown or expired relay ticket");
            return SocketListener.IGNORE;
        }
        RelayedTransfer.Side side = transfer.sideOf(query.get("token"));
        try {
            if (side == null || !transfer.attach(side, channel)) {
                channel.close(POLICY_VIOLATION, side == null ? "Unknown or expired relay ticket" : "Relay ticket already used");
                return SocketListener.IGNORE;
            }
        } catch (IOException partnerGone) {
            channel.close(SERVER_ERROR, "The other side left");
            return SocketListener.IGNORE;
        }
        if (transfer.partnerOf(side) == null) {
            transfer.waitingFor(sweeper.schedule(() -> {
                if (transfer.partnerOf(side) == null) {
                    channel.close(SERVER_ERROR, "The other side did not connect to the relay");
                }
            }, config.partnerWaitSeconds(), TimeUnit.SECONDS));
        }
        return new Forwarder(transfer, side, channel);
    }

    @Override
    public void release(String transferId) {
        RelayedTransfer transfer = transfers.remove(transferId);
        if (transfer != null) {
            transfer.end().forEach(channel -> channel.close(GOING_AWAY, "The transfer ended"));
            LOG.debug("Relay slot of transfer {} released", transferId);
        }
    }

    /** Transfers holding a relay slot (admitted and not ended), for tests and metrics. */
    int slotsInUse() {
        return transfers.size();
    }

    /** Forwards one side's frames to the other. */
    private final class Forwarder implements SocketListener {
        private final RelayedTransfer transfer;
        private final RelayedTransfer.Side side;
        private final SocketChannel channel;

        Forwarder(RelayedTransfer transfer, RelayedTransfer.Side side, SocketChannel channel) {
            this.transfer = transfer;
            this.side = side;
            this.channel = channel;
        }

        @Override
        public void onBinary(ByteBuffer frame) {
            int size = frame.remaining();
            SocketChannel partner = transfer.partnerOrHold(side, frame);
            if (partner == null) {
                return;
            }
            try {
                partner.sendBinary(frame);
                transfer.count(size);
            } catch (IOException e) {
                // A partner that is closing (it left, or the platform closes every side with 1001 as the
                // capability stops) closes this side too, with the code that says why: a 1011 here would race it.
                if (partner.isOpen()) {
                    channel.close(SERVER_ERROR, "The other side left");
                }
            }
        }

        @Override
        public void onText(String frame) {
            channel.close(UNSUPPORTED_DATA, "The relay forwards binary frames only");
        }

        @Override
        public void onClose(int code, String reason) {
            if (transfers.remove(transfer.transferId(), transfer)) {
                LOG.info("Relayed transfer {}: {} bytes in {} ms", transfer.transferId(), transfer.bytes(),
                        transfer.elapsedMillis());
            }
            for (SocketChannel other : transfer.end()) {
                if (other != channel) {
                    other.close(code == 1005 || code == 1006 ? GOING_AWAY : code,
                            reason == null || reason.isBlank() ? "The other side closed" : reason);
                }
            }
        }
    }

    private String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void sweep() {
        Instant now = clock.instant();
        transfers.values().removeIf(transfer -> transfer.expired(now) && transfer.unused());
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        transfers.clear();
    }
}
