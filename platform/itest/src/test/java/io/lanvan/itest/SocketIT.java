package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** The {@code /ws} socket in real Felix over real TLS: envelope checks, limits, and isolation between clients. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SocketIT {
    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Test
    public void pingIsAnsweredWithPongCarryingTheSameId() throws Exception {
        SocketClient client = SocketClient.open(new Https(context));
        client.send("{\"type\":\"ping\",\"id\":\"p1\"}");
        String pong = client.next();
        assertTrue(pong, pong.contains("\"type\":\"pong\"") && pong.contains("\"id\":\"p1\""));
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Test
    public void malformedAndUnknownFramesGetErrorFramesAndTheSocketSurvives() throws Exception {
        SocketClient client = SocketClient.open(new Https(context));
        client.send("{not json");
        assertTrue(client.next().contains("\"code\":\"malformed-json\""));
        client.send("[1,2]");
        assertTrue(client.next().contains("\"code\":\"invalid-frame\""));
        client.send("{\"type\":\"no.such.thing\",\"id\":\"u1\"}");
        String unknown = client.next();
        assertTrue(unknown, unknown.contains("\"code\":\"unknown-type\"") && unknown.contains("\"inReplyTo\":\"u1\""));
        client.send("{\"type\":\"ping\",\"id\":\"still-here\"}");
        assertTrue(client.next().contains("still-here"));
    }

    @Test
    public void anOversizedFrameClosesOnlyThatSocketWithCode1009() throws Exception {
        Https https = new Https(context);
        SocketClient bystander = SocketClient.open(https);
        SocketClient offender = SocketClient.open(https);
        offender.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
        assertEquals(Integer.valueOf(1009), offender.closed.get(10, TimeUnit.SECONDS));

        bystander.send("{\"type\":\"ping\",\"id\":\"b1\"}");
        assertTrue(bystander.next().contains("\"id\":\"b1\""));
    }

    @Test
    public void aFrameFloodClosesThatSocketWithPolicyViolation() throws Exception {
        Https https = new Https(context);
        SocketClient bystander = SocketClient.open(https);
        SocketClient flooder = SocketClient.open(https);
        for (int i = 0; i < 400 && !flooder.closed.isDone(); i++) {
            flooder.socket.sendText("{\"type\":\"ping\"}", true).get(5, TimeUnit.SECONDS);
        }
        assertEquals(Integer.valueOf(1008), flooder.closed.get(10, TimeUnit.SECONDS));
        bystander.send("{\"type\":\"ping\",\"id\":\"b2\"}");
        assertTrue(bystander.next().contains("\"id\":\"b2\""));
    }
}
