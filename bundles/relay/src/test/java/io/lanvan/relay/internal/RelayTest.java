package io.lanvan.relay.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.relay.RelayTickets;
import io.lanvan.api.socket.SocketChannel;
import io.lanvan.api.socket.SocketListener;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayTest {
    private Relay relay = new Relay(config(Map.of()));

    @AfterEach
    void stop() {
        relay.deactivate();
    }

    @Test
    void aSideWaitingForItsPartnerReturnsAtOnceAndItsLastSmallFrameIsDeliveredWhenThePartnerArrives() {
        RelayTickets tickets = relay.admit("transfer-1", "p-a", "p-b").orElseThrow();
        Channel offerer = new Channel();
        SocketListener fromOfferer = relay.open(offerer, "/transfer-1", Map.of("token", tickets.offererToken()));
        fromOfferer.onBinary(ByteBuffer.wrap(new byte[] {1}));
        fromOfferer.onBinary(ByteBuffer.wrap(new byte[] {2}));
        fromOfferer.onBinary(ByteBuffer.allocate(RelayedTransfer.HELD_FRAME_BYTES + 1));
        Channel receiver = new Channel();
        SocketListener fromReceiver = relay.open(receiver, "/transfer-1", Map.of("token", tickets.receiverToken()));
        assertEquals(1, receiver.received.size(), "only the last small frame is kept");
        assertArrayEquals(new byte[] {2}, receiver.received.get(0));
        fromOfferer.onBinary(ByteBuffer.wrap(new byte[] {3}));
        fromReceiver.onBinary(ByteBuffer.wrap(new byte[] {4}));
        assertArrayEquals(new byte[] {3}, receiver.received.get(1));
        assertArrayEquals(new byte[] {4}, offerer.received.get(0));
    }

    @Test
    void aSideLeftAloneIsClosedWhenThePartnerWaitEnds() throws Exception {
        relay.deactivate();
        relay = new Relay(config(Map.of("partnerWaitSeconds", 1)));
        RelayTickets tickets = relay.admit("transfer-2", "p-a", "p-b").orElseThrow();
        Channel offerer = new Channel();
        relay.open(offerer, "/transfer-2", Map.of("token", tickets.offererToken()));
        assertTrue(offerer.closing.await(5, TimeUnit.SECONDS), "closed within 5 s");
        assertEquals(1011, offerer.closedWith);
    }

    @Test
    void releasingATransferClosesItsSidesAndFreesItsSlotAtOnce() {
        relay.deactivate();
        relay = new Relay(config(Map.of("maxTransfers", 2)));
        RelayTickets first = relay.admit("transfer-a", "p-a", "p-b").orElseThrow();
        relay.admit("transfer-b", "p-a", "p-b").orElseThrow();
        assertTrue(relay.admit("transfer-c", "p-a", "p-b").isEmpty(), "full");
        Channel offerer = new Channel();
        relay.open(offerer, "/transfer-a", Map.of("token", first.offererToken()));
        relay.release("transfer-a");
        assertEquals(1001, offerer.closedWith);
        assertTrue(relay.admit("transfer-c", "p-a", "p-b").isPresent(), "the released slot is free");
        Channel late = new Channel();
        relay.open(late, "/transfer-a", Map.of("token", first.receiverToken()));
        assertEquals(1008, late.closedWith, "a released transfer's tickets are void");
    }

    @Test
    void whenOneSideClosesTheOtherIsClosedWithTheSameCodeAndTheSlotIsFree() {
        RelayTickets tickets = relay.admit("transfer-3", "p-a", "p-b").orElseThrow();
        Channel offerer = new Channel();
        SocketListener fromOfferer = relay.open(offerer, "/transfer-3", Map.of("token", tickets.offererToken()));
        Channel receiver = new Channel();
        relay.open(receiver, "/transfer-3", Map.of("token", tickets.receiverToken()));
        fromOfferer.onClose(1000, "done");
        assertEquals(1000, receiver.closedWith);
        assertEquals(0, relay.slotsInUse());
    }

    @Test
    void framesMeetingAPartnerTheCapabilityIsClosingLeaveTheSenderToTheSameGoingAwayClose() {
        RelayTickets tickets = relay.admit("transfer-4", "p-a", "p-b").orElseThrow();
        Channel offerer = new Channel();
        SocketListener fromOfferer = relay.open(offerer, "/transfer-4", Map.of("token", tickets.offererToken()));
        Channel receiver = new Channel();
        SocketListener fromReceiver = relay.open(receiver, "/transfer-4", Map.of("token", tickets.receiverToken()));
        receiver.close(1001, "Capability stopped"); // the platform, as the relay's route goes; its close event comes later
        fromOfferer.onBinary(ByteBuffer.wrap(new byte[] {5}));
        assertEquals(0, offerer.closedWith, "not 1011: the sender hears why from the close that follows");
        fromReceiver.onClose(1001, "Capability stopped");
        assertEquals(1001, offerer.closedWith);
    }

    private static RelayConfig config(Map<String, Object> changed) {
        return (RelayConfig) Proxy.newProxyInstance(RelayConfig.class.getClassLoader(), new Class<?>[] {RelayConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> RelayConfig.class;
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RelayConfig" + changed;
                    default -> changed.containsKey(method.getName()) ? changed.get(method.getName()) : method.getDefaultValue();
                });
    }

    /** One side's connection as the platform hands it to the relay, keeping what it was sent. */
    private static final class Channel implements SocketChannel {
        final List<byte[]> received = new CopyOnWriteArrayList<>();
        volatile int closedWith;
        final CountDownLatch closing = new CountDownLatch(1);

        @Override
        public String remoteAddress() {
            return "10.0.0.2";
        }

        @Override
        public void sendBinary(ByteBuffer frame) throws IOException {
            if (!isOpen()) {
                throw new IOException("closed");
            }
            byte[] copy = new byte[frame.remaining()];
            frame.get(copy);
            received.add(copy);
        }

        @Override
        public void close(int code, String reason) {
            if (closedWith == 0) {
                closedWith = code;
                closing.countDown();
            }
        }

        @Override
        public boolean isOpen() {
            return closedWith == 0;
        }
    }
}
