package io.lanvan.signaling.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.policy.Policy;
import io.lanvan.api.policy.PolicyListener;
import io.lanvan.api.policy.PolicyService;
import io.lanvan.api.relay.RelayService;
import io.lanvan.api.relay.RelayTickets;
import io.lanvan.api.socket.SocketErrors;
import io.lanvan.api.socket.SocketHandler;
import io.lanvan.api.socket.SocketMessage;
import io.lanvan.api.socket.SocketSession;
import io.lanvan.api.trust.Admission;
import io.lanvan.api.trust.DeviceClaim;
import io.lanvan.api.trust.DeviceStatus;
import io.lanvan.api.trust.ReputationEvent;
import io.lanvan.api.trust.ReputationOutcome;
import io.lanvan.api.trust.TrustService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The signaling capability on {@code /ws}: hello and presence, pairing codes, WebRTC signal
 * forwarding and transfer offers, each checked against its rules (docs/protocol.md) and confined
 * to peers that share a room.
 */
@Component(service = {SocketHandler.class, Signaling.class, PolicyListener.class}, configurationPid = SignalingConfig.PID, property = {
        SocketHandler.TYPES + "=hello", SocketHandler.TYPES + "=hello.proof", SocketHandler.TYPES + "=rename",
        SocketHandler.TYPES + "=pair.create", SocketHandler.TYPES + "=pair.join",
        SocketHandler.TYPES + "=pair.confirm", SocketHandler.TYPES + "=pair.reject", SocketHandler.TYPES + "=signal", SocketHandler.TYPES + "=transfer.offer",
        SocketHandler.TYPES + "=transfer.accept", SocketHandler.TYPES + "=transfer.decline",
        SocketHandler.TYPES + "=transfer.cancel", SocketHandler.TYPES + "=transfer.report", SocketHandler.TYPES + "=report"})
@Designate(ocd = SignalingConfig.class)
public final class Signaling implements SocketHandler, PolicyListener {
    /** 2: hello proves possession of the identity key (hello.challenge, hello.proof). */
    static final int PROTOCOL = 2;
    private static final int MAX_AWAITING = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(Signaling.class);
    private static final Set<String> PLATFORMS = Set.of("windows", "macos", "linux", "android", "ios", "other");
    private static final Set<String> OUTCOMES = Set.of("completed", "failed", "cancelled");
    private static final Pattern CODE = Pattern.compile("\\d{6}");

    private final ObjectMapper json = new ObjectMapper();
    private final Rooms rooms = new Rooms();
    private final TransferLedger transfers = new TransferLedger();
    private final PairingCodes pairing;
    private final Presence presence;
    /** Runs a task later, off the caller's thread: merged renames, the end of unanswered pairing requests. */
    private final Presence.Later later;
    private final Clock clock;
    /** Stops the timer that sends merged renames: it belongs to this component. */
    private final Runnable stopTimers;
    private final Map<String, Peer> bySession = new ConcurrentHashMap<>();
    /** Hellos waiting for their proof, by session: at most one per connection, gone with it. */
    private final Map<String, ProvingHello> proving = new ConcurrentHashMap<>();
    private final Map<String, io.lanvan.api.devices.ConnectedDevice> awaiting = new ConcurrentHashMap<>();
    private final TransferCounters counters = new TransferCounters();
    private final SecureRandom random = new SecureRandom();
    private final DeviceProof proofs;
    private volatile SignalingConfig config;
    /** Optional and dynamic on purpose: the relay capability can be stopped and started while peers stay connected. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RelayService relay;
    /** Optional and dynamic on purpose: without the policy capability, the defaults (hybrid, no limits) apply. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PolicyService policies;
    /** Optional and dynamic on purpose: transfers go on while the audit capability is stopped. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;
    private final TransferAudit auditTrail = new TransferAudit(() -> audit);
    /**
     * Optional and dynamic on purpose: devices stay connected while the trust capability is stopped.
     * Without it, hellos are admitted only while anonymous devices are allowed (fail closed otherwise).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TrustService trust;
    private final ReportBudget reportBudget;
    private final ReputationFeed reputation;

    @Activate
    public Signaling(SignalingConfig config) {
        this(config, Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor(
                runnable -> new Thread(runnable, "lanvan-signaling-timers")));
    }

    private Signaling(SignalingConfig config, Clock clock, ScheduledExecutorService timers) {
        this(config, clock, (task, delay) -> timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS), timers::shutdownNow, timers);
    }

    Signaling(SignalingConfig config, Clock clock, Presence.Later later, Runnable stop) {
        this(config, clock, later, stop, Runnable::run);
    }

    /**
     * {@code later} runs the merged renames; {@code stop} ends whatever runs them, on deactivation;
     * {@code background} counts reputation events, so that no transfer waits for trust's database.
     */
    Signaling(SignalingConfig config, Clock clock, Presence.Later later, Runnable stop, java.util.concurrent.Executor background) {
        this.config = config;
        this.stopTimers = stop;
        this.later = later;
        this.clock = clock;
        this.pairing = new PairingCodes(clock);
        this.proofs = new DeviceProof(clock, random, PROTOCOL);
        this.presence = new Presence(json, rooms, clock, later);
        this.reportBudget = new ReportBudget(clock);
        this.reputation = new ReputationFeed(() -> trust, background, this::disconnect);
    }

    @Modified
    void modified(SignalingConfig config) {
        this.config = config;
    }

    @Deactivate
    void deactivate() {
        stopTimers.run();
    }

    void useRelay(RelayService relay) {
        this.relay = relay;
    }

    void usePolicies(PolicyService policies) {
        this.policies = policies;
    }

    void useTrust(TrustService trust) {
        this.trust = trust;
    }

    /**
     * Pushes the new policies to every connected device. When devices now need an admin's approval,
     * the connections of devices trust does not know as approved are closed; while trust is stopped,
     * connected devices stay (they were admitted) and only new hellos are refused.
     */
    @Override
    public void policyChanged(Policy policy) {
        String frame = PolicyFrames.of(json, policy).toString();
        TrustService current = trust;
        Map<String, Boolean> approved = new java.util.HashMap<>();
        for (Peer peer : bySession.values()) {
            boolean stays = policy.anonymousDevices() || current == null || approved.computeIfAbsent(peer.deviceId(),
                    id -> approvedByTrust(current, id));
            if (stays) {
                peer.session().send(frame);
            } else {
                disconnect(peer.deviceId(), "This device needs an administrator's approval (device id " + peer.deviceId() + ")");
            }
        }
        if (policy.anonymousDevices()) {
            awaiting.clear();
        }
    }

    private static boolean approvedByTrust(TrustService trust, String deviceId) {
        try {
            return trust.device(deviceId).map(device -> device.status() == DeviceStatus.APPROVED).orElse(false);
        } catch (RuntimeException e) {
            LOG.warn("Trust could not say whether {} is approved; it stays connected: {}", deviceId, e.getMessage());
            return true;
        }
    }

    /** Closes every connection of a device; returns how many. */
    int disconnect(String deviceId, String reason) {
        int closed = 0;
        for (Peer peer : bySession.values()) {
            if (peer.deviceId().equals(deviceId)) {
                peer.session().sendError(SignalingErrors.DEVICE_REFUSED, reason, null);
                peer.session().close(SocketErrors.CLOSE_POLICY_VIOLATION, reason);
                closed++;
            }
        }
        return closed;
    }

    Collection<Peer> connectedPeers() {
        return bySession.values();
    }

    Collection<io.lanvan.api.devices.ConnectedDevice> awaitingApproval() {
        return awaiting.values();
    }

    TransferCounters counters() {
        return counters;
    }

    int openTransfers() {
        return transfers.size();
    }

    private void turnAway(SocketSession session, SocketMessage message, String deviceId, String name, String platform,
                          Admission admission) {
        String reason = admission.reason();
        if (admission.verdict() == Admission.Verdict.AWAITING_APPROVAL) {
            if (awaiting.size() < MAX_AWAITING || awaiting.containsKey(deviceId)) {
                awaiting.put(deviceId, new io.lanvan.api.devices.ConnectedDevice(deviceId, name, platform, session.remoteAddress(),
                        java.time.Instant.now(), io.lanvan.api.devices.ConnectedDevice.Status.AWAITING_APPROVAL));
            }
        }
        session.sendError(SignalingErrors.DEVICE_REFUSED, reason, message.id());
        session.close(SocketErrors.CLOSE_POLICY_VIOLATION, reason.length() > 120 ? reason.substring(0, 120) : reason);
    }

    private Policy policy() {
        PolicyService current = policies;
        return current == null ? Policy.DEFAULTS : current.current();
    }

    @Override
    public void onMessage(SocketSession session, SocketMessage message) {
        try {
            JsonNode frame = json.readTree(message.json());
            Peer self = bySession.get(session.id());
            if (self == null) {
                if ("hello".equals(message.type())) {
                    hello(session, message, frame);
                } else if ("hello.proof".equals(message.type())) {
                    proof(session, message, frame);
                } else {
                    session.sendError(SignalingErrors.HELLO_REQUIRED, "Send 'hello' before '" + message.type() + "'", message.id());
                }
                return;
            }
            switch (message.type()) {
                case "hello", "hello.proof" -> throw new InvalidField("This connection already said hello");
                case "rename" -> rename(self, frame);
                case "pair.create" -> pairCreate(self, message);
                case "pair.join" -> pairJoin(self, message, frame);
                case "pair.confirm" -> pairAnswer(self, message, frame, true);
                case "pair.reject" -> pairAnswer(self, message, frame, false);
                case "signal" -> signal(self, message, frame);
                case "transfer.offer" -> offer(self, message, frame);
                case "transfer.accept" -> accept(self, message, frame);
                case "transfer.decline", "transfer.cancel" -> endByParty(self, message, frame);
                case "transfer.report" -> outcome(self, frame);
                case "report" -> reportDevice(self, message, frame);
                default -> session.sendError(SocketErrors.UNKNOWN_TYPE, "Unknown message type '" + message.type() + "'", message.id());
            }
        } catch (InvalidField e) {
            session.sendError(SocketErrors.INVALID_FIELD, e.getMessage(), message.id());
        } catch (Refused e) {
            session.sendError(SignalingErrors.POLICY_REFUSED, e.getMessage(), message.id());
        } catch (Unreachable e) {
            session.sendError(SignalingErrors.PEER_UNAVAILABLE, "Peer '" + e.getMessage() + "' is not reachable from this device",
                    message.id());
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            session.sendError(SocketErrors.MALFORMED_JSON, "Frame is not valid JSON", message.id());
        }
    }

    @Override
    public void onClose(SocketSession session) {
        proving.remove(session.id());
        Peer gone = bySession.remove(session.id());
        if (gone == null) {
            return;
        }
        for (PairingCodes.Request request : pairing.forget(gone.peerId())) {
            if (request.joiner().equals(gone.peerId())) {
                tellCreator(request, "joiner-left");
            } else {
                tellJoiner(request, SignalingErrors.PAIRING_FAILED, "The device that showed the code has left; ask for a new code");
            }
        }
        for (TransferLedger.Transfer transfer : transfers.abandon(gone.peerId())) {
            released(transfer);
            rooms.peer(transfer.otherThan(gone.peerId())).ifPresent(other -> other.session().send(json.createObjectNode()
                    .put("type", "transfer.cancel").put("from", gone.peerId()).put("transferId", transfer.transferId())
                    .put("reason", "peer-left").toString()));
        }
        presence.left(gone.peerId(), rooms.leave(gone.peerId()));
        auditTrail.left(gone);
        LOG.debug("Peer {} left", gone.peerId());
    }

    /**
     * The peers in a caller's network room, for {@code GET /api/peers/discover}; empty when the caller
     * could not join that room itself: its address is not allowed, or devices need an administrator's
     * approval (a caller known only by its address cannot show that it is an approved device).
     */
    Optional<Collection<Peer>> networkPeersOf(InetAddress address) {
        PolicyService current = policies;
        if (!policy().anonymousDevices() || current != null && !current.clientAllowed(address.getHostAddress())) {
            return Optional.empty();
        }
        return Optional.of(rooms.inNetworkRoom(NetworkRoom.of(address, config.ipv4Prefix(), config.ipv6Prefix())));
    }

    /** A hello the server has not yet believed: what it said, and the challenge its device must sign. */
    private record ProvingHello(DeviceProof.Challenge challenge, String name, String platform, String identityKey) {
    }

    /** Checks a hello and answers it with a challenge; the device joins once it signed it ({@link #proof}). */
    private void hello(SocketSession session, SocketMessage message, JsonNode frame) throws InvalidField {
        if (frame.path("protocol").asInt(1) < PROTOCOL) {
            proving.remove(session.id());
            session.sendError(SignalingErrors.PROTOCOL_OUTDATED, "This page is out of date for this server (it speaks protocol "
                    + PROTOCOL + "): reload the page", message.id());
            return;
        }
        String deviceId = Fields.id(frame, "deviceId");
        String name = Fields.displayName(frame, "name");
        String platform = Fields.oneOf(frame, "platform", PLATFORMS);
        String identityKey = Fields.text(frame, "identityKey", 256);
        DeviceProof.Challenge challenge;
        try {
            challenge = proofs.challenge(DeviceProof.keyOf(identityKey), deviceId, session.host());
        } catch (DeviceProof.MalformedKey e) {
            throw new InvalidField(e.getMessage());
        } catch (DeviceProof.Refused e) {
            refuseIdentity(session, message, e.getMessage());
            return;
        }
        proving.put(session.id(), new ProvingHello(challenge, name, platform, identityKey));
        session.send(json.createObjectNode().put("type", "hello.challenge").put("inReplyTo", message.id())
                .put("nonce", challenge.nonce()).toString());
    }

    /** The device signed its challenge: it is who its key says, and joins if the policy admits it. */
    private void proof(SocketSession session, SocketMessage message, JsonNode frame) throws InvalidField {
        ProvingHello hello = proving.remove(session.id());
        if (hello == null) {
            session.sendError(SignalingErrors.HELLO_REQUIRED, "Send 'hello' before 'hello.proof'", message.id());
            return;
        }
        String deviceId;
        try {
            deviceId = proofs.verify(hello.challenge(), Fields.text(frame, "signature", 128)).deviceId();
        } catch (DeviceProof.Refused e) {
            refuseIdentity(session, message, e.getMessage());
            return;
        }
        Admission admission = admission(new DeviceClaim(deviceId, hello.identityKey(), hello.name(), hello.platform(),
                session.remoteAddress()));
        if (!admission.admitted()) {
            turnAway(session, message, deviceId, hello.name(), hello.platform(), admission);
            return;
        }
        awaiting.remove(deviceId);
        join(session, message, deviceId, hello.name(), hello.platform(), hello.identityKey());
    }

    /**
     * What trust says of a device that proved its key. Without trust (stopped, or its database failing)
     * the server cannot tell revoked or approved keys: it admits only while anonymous devices are allowed.
     */
    private Admission admission(DeviceClaim claim) {
        boolean approvalRequired = !policy().anonymousDevices();
        TrustService current = trust;
        if (current != null) {
            try {
                return current.admit(claim, approvalRequired);
            } catch (RuntimeException e) {
                LOG.warn("Trust could not decide on {}: {}", claim.deviceId(), e.getMessage());
            }
        }
        return approvalRequired ? new Admission(Admission.Verdict.HELD, TRUST_DOWN) : Admission.ADMITTED;
    }

    static final String TRUST_DOWN = "Devices need an administrator's approval and the server cannot check approvals right now: try again later";

    private void join(SocketSession session, SocketMessage message, String deviceId, String name, String platform,
                      String identityKey) throws InvalidField {
        String room;
        try {
            room = NetworkRoom.of(InetAddress.getByName(session.remoteAddress()), config.ipv4Prefix(), config.ipv6Prefix());
        } catch (UnknownHostException e) {
            throw new InvalidField("The server cannot place this connection's address in a network");
        }
        long fromAddress = bySession.values().stream().filter(p -> p.session().remoteAddress().equals(session.remoteAddress())).count();
        if (fromAddress >= config.maxPeersPerAddress()) {
            String reason = "Too many devices connected from this address (the limit is " + config.maxPeersPerAddress() + ")";
            session.sendError(SignalingErrors.LIMIT_REACHED, reason, message.id());
            session.close(SocketErrors.CLOSE_POLICY_VIOLATION, reason);
            return;
        }
        Peer peer = new Peer("p-" + token(9), deviceId, name, platform, identityKey, room, session);
        bySession.put(session.id(), peer);
        List<Rooms.Visible> audience = rooms.join(peer);
        ObjectNode welcome = json.createObjectNode().put("type", "welcome").put("inReplyTo", message.id()).put("protocol", PROTOCOL);
        welcome.set("self", json.createObjectNode().put("peerId", peer.peerId()).put("deviceId", deviceId)
                .put("name", name).put("platform", platform));
        welcome.set("peers", presence.listFor(peer));
        ArrayNode ice = welcome.putArray("iceServers");
        for (String urls : config.iceServers()) {
            for (String url : urls.split(",")) {
                if (!url.isBlank()) {
                    ice.addObject().put("urls", url.strip());
                }
            }
        }
        welcome.put("relay", relay != null && policy().mode().allowsRelay());
        welcome.set("policy", PolicyFrames.of(json, policy()));
        session.send(welcome.toString());
        presence.joined(peer, audience);
        auditTrail.joined(peer);
        LOG.debug("Peer {} joined {}", peer.peerId(), room);
    }

    /** A device that did not prove its id is told why and disconnected: one try per connection. */
    private static void refuseIdentity(SocketSession session, SocketMessage message, String reason) {
        session.sendError(SignalingErrors.IDENTITY_REFUSED, reason, message.id());
        session.close(SocketErrors.CLOSE_POLICY_VIOLATION, "Device identity not proven");
    }

    private void rename(Peer self, JsonNode frame) throws InvalidField {
        self.rename(Fields.displayName(frame, "name"));
        presence.renamed(self, Duration.ofMillis(config.renameIntervalMillis()));
    }

    private void pairCreate(Peer self, SocketMessage message) {
        List<PairingCodes.Request> dropped = new ArrayList<>();
        PairingCodes.Code code = pairing.create(self.peerId(), Duration.ofMinutes(config.pairingMinutes()), dropped);
        for (PairingCodes.Request request : dropped) {
            tellJoiner(request, SignalingErrors.PAIRING_FAILED, "The device that showed the code made a new one; ask for it");
        }
        self.session().send(json.createObjectNode().put("type", "pair.created").put("inReplyTo", message.id())
                .put("code", code.code()).put("expiresAt", code.expiresAt().toString()).toString());
    }

    /**
     * A right code does not pair yet: its creator is shown who joined ({@code pair.request}) and
     * answers with {@code pair.confirm} or {@code pair.reject}; the joiner hears {@code pair.waiting}
     * now and its final answer later, in reply to its {@code pair.join}.
     */
    private void pairJoin(Peer self, SocketMessage message, JsonNode frame) throws InvalidField {
        String code = pairingCode(frame);
        SignalingConfig settings = config;
        PairingCodes.Redemption redemption = pairing.redeem(code, self.peerId(), message.id(), self.session().remoteAddress(),
                new PairingCodes.Budgets(Duration.ofMinutes(settings.pairingMinutes()), settings.pairingAttempts(),
                        settings.pairingAttemptsPerAddress(), settings.pairingAttemptsOverall(), settings.pairingGuessesPerCode()));
        for (PairingCodes.Retired retired : redemption.retired()) {
            rooms.peer(retired.peerId()).ifPresent(owner -> owner.session().send(json.createObjectNode()
                    .put("type", "pair.retired").put("code", retired.code()).put("reason", "too-many-guesses").toString()));
        }
        if (!redemption.matched()) {
            self.session().sendError(SignalingErrors.PAIRING_FAILED, redemption.refusal(), message.id());
            return;
        }
        PairingCodes.Request request = redemption.request();
        Optional<Peer> creator = rooms.peer(request.creator());
        if (creator.isEmpty()) {
            pairing.answer(request.creator(), code);
            self.session().sendError(SignalingErrors.PAIRING_FAILED, "The pairing code is wrong or has expired", message.id());
            return;
        }
        ObjectNode ask = json.createObjectNode().put("type", "pair.request").put("code", code)
                .put("expiresAt", request.expiresAt().toString());
        ask.putObject("peer").put("peerId", self.peerId()).put("deviceId", self.deviceId()).put("name", self.name())
                .put("platform", self.platform()).put("identityKey", self.identityKey());
        creator.get().session().send(ask.toString());
        self.session().send(json.createObjectNode().put("type", "pair.waiting").put("inReplyTo", message.id())
                .put("expiresAt", request.expiresAt().toString()).toString());
        later.run(this::expirePairingRequests, Duration.between(clock.instant(), request.expiresAt()).plusSeconds(1));
    }

    /** The creator's {@code pair.confirm} (pairs the two, one room of their own) or {@code pair.reject}. */
    private void pairAnswer(Peer self, SocketMessage message, JsonNode frame, boolean confirm) throws InvalidField {
        String code = pairingCode(frame);
        Optional<PairingCodes.Request> answered = pairing.answer(self.peerId(), code);
        if (answered.isEmpty()) {
            self.session().sendError(SignalingErrors.PAIRING_FAILED,
                    "No device is waiting for an answer on pairing code " + code + " (it may have expired or left)", message.id());
            return;
        }
        PairingCodes.Request request = answered.get();
        Optional<Peer> joiner = rooms.peer(request.joiner());
        if (joiner.isEmpty()) {
            self.session().sendError(SignalingErrors.PAIRING_FAILED, "The device that entered the code has left", message.id());
            return;
        }
        if (!confirm) {
            tellJoiner(request, SignalingErrors.PAIRING_DECLINED, "The other device declined the pairing");
            self.session().send(json.createObjectNode().put("type", "pair.rejected").put("inReplyTo", message.id())
                    .put("code", code).toString());
            return;
        }
        boolean sawEachOther = rooms.shareRoom(self.peerId(), joiner.get().peerId());
        rooms.pair(self.peerId(), joiner.get().peerId(), "pair:" + token(9));
        joiner.get().session().send(json.createObjectNode().put("type", "pair.joined").put("inReplyTo", request.joinId())
                .put("peerId", self.peerId()).toString());
        self.session().send(json.createObjectNode().put("type", "pair.confirmed").put("inReplyTo", message.id())
                .put("peerId", joiner.get().peerId()).toString());
        presence.paired(self, joiner.get(), sawEachOther);
    }

    private void expirePairingRequests() {
        for (PairingCodes.Request request : pairing.expired()) {
            tellJoiner(request, SignalingErrors.PAIRING_FAILED, "The other device did not confirm the pairing in time");
            tellCreator(request, "expired");
        }
    }

    private void tellJoiner(PairingCodes.Request request, String code, String why) {
        rooms.peer(request.joiner()).ifPresent(joiner -> joiner.session().sendError(code, why, request.joinId()));
    }

    private void tellCreator(PairingCodes.Request request, String reason) {
        rooms.peer(request.creator()).ifPresent(creator -> creator.session().send(json.createObjectNode()
                .put("type", "pair.retired").put("code", request.code()).put("reason", reason).toString()));
    }

    private static String pairingCode(JsonNode frame) throws InvalidField {
        String code = Fields.text(frame, "code", 16);
        if (!CODE.matcher(code).matches()) {
            throw new InvalidField("Field 'code' must be 6 digits");
        }
        return code;
    }

    private void signal(Peer self, SocketMessage message, JsonNode frame) throws InvalidField, Unreachable, Refused {
        if (!policy().mode().allowsDirect()) {
            throw new Refused("Direct connections are turned off: this server is in server-only mode");
        }
        Peer to = reachable(self, Fields.text(frame, "to", 64));
        String transferId = Fields.id(frame, "transferId");
        ObjectNode forwarded = json.createObjectNode().put("type", "signal").put("from", self.peerId()).put("transferId", transferId);
        forwarded.set("data", Fields.object(frame, "data"));
        to.session().send(forwarded.toString());
    }

    private void offer(Peer self, SocketMessage message, JsonNode frame) throws InvalidField, Unreachable, Refused {
        Peer to = reachable(self, Fields.text(frame, "to", 64));
        String transferId = Fields.id(frame, "transferId");
        Offers.Checked checked = Offers.check(frame);
        String route = PolicyFrames.routeUnder(policy(), checked.route());
        Optional<String> refusal = PolicyFrames.refusalOf(policy(), frame.get("files"), checked.totalBytes());
        if (refusal.isPresent()) {
            throw new Refused(refusal.get());
        }
        if (route == null) {
            throw new Refused("Route '" + checked.route() + "' is not allowed in " + policy().mode().wire() + " mode");
        }
        ((ObjectNode) frame).put("route", route);
        checked = new Offers.Checked(checked.totalBytes(), checked.files(), route);
        Optional<String> overQuota = transfers.offer(new TransferLedger.Transfer(transferId, TransferLedger.Party.of(self),
                TransferLedger.Party.of(to), checked.totalBytes(), checked.files(), checked.route(), TransferLedger.State.OFFERED,
                false), quotas());
        if (overQuota.isPresent()) {
            self.session().sendError(SignalingErrors.LIMIT_REACHED, overQuota.get(), message.id());
            return;
        }
        to.session().send(forwardedFrom(self, frame).toString());
        auditTrail.offered(self, to, transferId, checked, frame.get("files"));
    }

    private void accept(Peer self, SocketMessage message, JsonNode frame) throws InvalidField, Unreachable {
        String transferId = Fields.id(frame, "transferId");
        Offers.checkKeyShare(frame);
        TransferLedger.Transfer transfer = transfers.accept(transferId, self.peerId())
                .orElseThrow(() -> new InvalidField("No open offer '" + transferId + "' to this device"));
        Peer offerer = reachable(self, transfer.offerer().peerId());
        ObjectNode forwarded = forwardedFrom(self, frame);
        RelayService currentRelay = relay;
        boolean relayAllowed = !"direct".equals(transfer.route()) && currentRelay != null && policy().mode().allowsRelay();
        Optional<String> overQuota = relayAllowed ? transfers.reserveRelay(transferId, quotas()) : Optional.empty();
        Optional<RelayTickets> tickets = !relayAllowed || overQuota.isPresent() ? Optional.empty()
                : currentRelay.admit(transferId, transfer.offerer().peerId(), transfer.receiver().peerId());
        if (relayAllowed && overQuota.isEmpty() && tickets.isEmpty()) {
            transfers.unreserveRelay(transferId);
        }
        tickets.ifPresent(t -> forwarded.putObject("relay").put("url", t.url()).put("token", t.offererToken()));
        offerer.session().send(forwarded.toString());
        auditTrail.answered("transfer.accepted", self, transferId, Map.of("relayTickets", Boolean.toString(tickets.isPresent())));
        if (tickets.isPresent()) {
            ObjectNode relayed = json.createObjectNode().put("type", "transfer.relay").put("transferId", transferId);
            relayed.putObject("relay").put("url", tickets.get().url()).put("token", tickets.get().receiverToken());
            self.session().send(relayed.toString());
        } else if ("relay".equals(transfer.route())) {
            self.session().sendError(SignalingErrors.RELAY_UNAVAILABLE,
                    overQuota.orElse("The relay is not available on this server"), message.id());
        }
    }

    private void endByParty(Peer self, SocketMessage message, JsonNode frame) throws InvalidField, Unreachable {
        String transferId = Fields.id(frame, "transferId");
        Fields.optionalText(frame, "reason", 256);
        Optional<TransferLedger.Transfer> ended = "transfer.decline".equals(message.type())
                ? transfers.decline(transferId, self.peerId()) : transfers.end(transferId, self.peerId());
        TransferLedger.Transfer transfer = ended
                .orElseThrow(() -> new InvalidField("No transfer '" + transferId + "' that this device may " + message.type().substring(9)));
        released(transfer);
        reachable(self, transfer.otherThan(self.peerId())).session().send(forwardedFrom(self, frame).toString());
        String reason = frame.path("reason").asText("");
        if ("transfer.decline".equals(message.type())) {
            reputation.count(transfer.offerer().deviceId(), ReputationEvent.DECLINED, self.deviceId(), "transfer " + transferId);
        } else {
            reputation.count(self.deviceId(), ReputationEvent.CANCELLED, self.deviceId(), "transfer " + transferId);
        }
        auditTrail.answered("transfer.decline".equals(message.type()) ? "transfer.declined" : "transfer.cancelled", self,
                transferId, reason.isEmpty() ? Map.of() : Map.of("reason", reason));
    }

    private void outcome(Peer self, JsonNode frame) throws InvalidField {
        String transferId = Fields.id(frame, "transferId");
        String outcome = Fields.oneOf(frame, "outcome", OUTCOMES);
        String route = frame.hasNonNull("route") ? Fields.oneOf(frame, "route", Set.of("direct", "relay", "none")) : "none";
        long bytes = Fields.nonNegative(frame, "bytes");
        long ms = Fields.nonNegative(frame, "ms");
        String reason = Fields.optionalText(frame, "reason", 256);
        Optional<TransferLedger.Transfer> open = transfers.find(transferId, self.peerId());
        transfers.reportedBy(transferId, self.peerId()).ifPresent(this::released);
        open.ifPresent(transfer -> {
            TransferLedger.Party other = transfer.offerer().peerId().equals(self.peerId()) ? transfer.receiver() : transfer.offerer();
            ReputationEvent event = "completed".equals(outcome) ? ReputationEvent.COMPLETED
                    : "failed".equals(outcome) && "hash-mismatch".equals(reason) ? ReputationEvent.HASH_MISMATCH
                    : "failed".equals(outcome) ? ReputationEvent.FAILED : null;
            if (event != null) {
                reputation.count(other.deviceId(), event, self.deviceId(), "transfer " + transferId);
            }
        });
        counters.count(outcome, route, bytes);
        auditTrail.answered("transfer." + outcome, self, transferId,
                Map.of("route", route, "bytes", Long.toString(bytes), "ms", Long.toString(ms)));
        LOG.info("Transfer {} {} by {}: {} bytes via {} in {} ms", transferId, outcome, self.peerId(), bytes, route, ms);
    }

    /**
     * A person reports a device they share a room with (docs/protocol.md, "Reports"): counted by trust
     * once per reporter and device, at most {@code reportsPerHour} per reporter.
     */
    private void reportDevice(Peer self, SocketMessage message, JsonNode frame) throws InvalidField {
        if (message.id() == null) {
            throw new InvalidField("Field 'id' is required");
        }
        String target = Fields.id(frame, "deviceId");
        String reason = Fields.text(frame, "reason", TrustService.MAX_REPORT_REASON_LENGTH).strip();
        if (reason.isEmpty() || reason.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.SURROGATE)) {
            throw new InvalidField("Field 'reason' must be 1-" + TrustService.MAX_REPORT_REASON_LENGTH
                    + " characters of text without control characters");
        }
        if (target.equals(self.deviceId())) {
            throw new InvalidField("A device cannot report itself");
        }
        boolean sharesRoom = bySession.values().stream()
                .anyMatch(peer -> peer.deviceId().equals(target) && rooms.shareRoom(self.peerId(), peer.peerId()));
        if (!sharesRoom) {
            self.session().sendError(SignalingErrors.PEER_UNAVAILABLE, "Device '" + target + "' is not reachable from this device",
                    message.id());
            return;
        }
        TrustService current = trust;
        if (current == null) {
            self.session().sendError(SignalingErrors.TRUST_UNAVAILABLE, "Reports cannot be taken right now: try again later", message.id());
            return;
        }
        if (!reportBudget.take(self.deviceId(), config.reportsPerHour())) {
            self.session().sendError(SignalingErrors.LIMIT_REACHED, "This device sent " + config.reportsPerHour()
                    + " reports in the last hour (the limit); try again later", message.id());
            return;
        }
        Optional<ReputationOutcome> outcome;
        try {
            outcome = current.record(target, ReputationEvent.REPORTED, self.deviceId(), reason);
        } catch (RuntimeException e) {
            LOG.warn("Report of {} by {} not taken: {}", target, self.deviceId(), e.getMessage());
            self.session().sendError(SignalingErrors.TRUST_UNAVAILABLE, "Reports cannot be taken right now: try again later", message.id());
            return;
        }
        self.session().send(json.createObjectNode().put("type", "report.received").put("inReplyTo", message.id()).toString());
        if (outcome.isPresent() && outcome.get().status() == DeviceStatus.HELD) {
            disconnect(target, ReputationFeed.HELD);
        }
    }

    private ObjectNode forwardedFrom(Peer self, JsonNode frame) {
        ObjectNode forwarded = ((ObjectNode) frame).deepCopy();
        forwarded.remove("to");
        forwarded.remove("id");
        forwarded.put("from", self.peerId());
        return forwarded;
    }

    /** The addressed peer when it shares a room with the sender; otherwise the same failure whether it exists or not. */
    private Peer reachable(Peer self, String peerId) throws Unreachable {
        if (!rooms.shareRoom(self.peerId(), peerId)) {
            throw new Unreachable(peerId);
        }
        return rooms.peer(peerId).orElseThrow(() -> new Unreachable(peerId));
    }

    /** A transfer left the ledger: its relay slot, if it had one, is freed at once. */
    private void released(TransferLedger.Transfer transfer) {
        RelayService currentRelay = relay;
        if (transfer.relayed() && currentRelay != null) {
            currentRelay.release(transfer.transferId());
        }
    }

    private TransferLedger.Quotas quotas() {
        SignalingConfig settings = config;
        return new TransferLedger.Quotas(settings.maxOpenOffersPerDevice(), settings.maxOpenOffersPerAddress(),
                settings.maxRelayedPerDevice(), settings.maxRelayedPerAddress());
    }

    private String token(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** A policy forbids what the message asks for; the message names the rule. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The addressed peer is not in any room of the sender (or does not exist: the answer is the same). */
    private static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String peerId) {
            super(peerId.length() > 64 ? peerId.substring(0, 64) : peerId, null, false, false);
        }
    }
}
