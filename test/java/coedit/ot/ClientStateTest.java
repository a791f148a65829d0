package coedit.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client state machine, told as scripts with the text expected at the end. */
class ClientStateTest {

  /** A client's text and state; applies what each step says to apply. */
  private static final class Client {
    String text;
    ClientState state;
    final List<Change> sent = new ArrayList<>();

    Client(String text, long version) {
      this.text = text;
      this.state = new Synchronized(version);
    }

    void type(Change change) {
      text = Ot.apply(text, change);
      step(state.applyLocal(change));
    }

    void receive(Change serverChange) {
      step(state.applyServer(serverChange));
    }

    void ack(long version) {
      step(state.serverAck(version));
    }

    private void step(ClientStep s) {
      state = s.next();
      if (s.toApply() != null) text = Ot.apply(text, s.toApply());
      if (s.toSend() != null) sent.add(s.toSend());
    }
  }

  @Test
  void synchronizedSendsAtOnceThenBuffersThenSendsTheBufferOnAck() {
    Client c = new Client("hello", 3);
    c.type(Change.of(new Insert(5, "!")));
    assertEquals(List.of(Change.of(new Insert(5, "!"))), c.sent);
    assertEquals(new AwaitingConfirm(3, Change.of(new Insert(5, "!"))), c.state);
    c.type(Change.of(new Insert(6, "?")));
    c.type(Change.of(new Insert(7, "?")));
    assertEquals(new AwaitingWithBuffer(3, Change.of(new Insert(5, "!")), Change.of(new Insert(6, "??"))), c.state);
    c.ack(4);
    assertEquals(List.of(Change.of(new Insert(5, "!")), Change.of(new Insert(6, "??"))), c.sent);
    c.ack(5);
    assertEquals(new Synchronized(5), c.state);
    assertEquals("hello!??", c.text);
  }

  @Test
  void aServerChangeIsTransformedOverInFlightAndBuffer() {
    // Alice has "!" in flight and "?" buffered; Bob's "big " at 0 was accepted first.
    Client alice = new Client("hello", 3);
    alice.type(Change.of(new Insert(5, "!")));
    alice.type(Change.of(new Insert(0, "?")));
    alice.receive(Change.of(new Insert(0, "big ")));
    assertEquals("big ?hello!", alice.text);
    assertEquals(new AwaitingWithBuffer(4, Change.of(new Insert(9, "!")), Change.of(new Insert(4, "?"))),
        alice.state);
    alice.ack(5);
    assertEquals(Change.of(new Insert(4, "?")), alice.sent.get(1));
    assertEquals(5, alice.state.version());
  }

  @Test
  void theServerSideAndTheClientSideAgree() {
    // The server accepted Bob's change (version 4), then transforms Alice's over it.
    String doc = "hello world";
    Change bob = Change.of(new Insert(6, "to the "));
    Change alice = Change.of(new Delete(2, 7));
    String server = Ot.apply(Ot.apply(doc, bob), Ot.transformOverHistory(alice, List.of(bob)));
    Client client = new Client(doc, 3);
    client.type(alice);
    client.receive(bob);
    client.ack(5);
    assertEquals("heto the ld", server);
    assertEquals(server, client.text);
  }

  @Test
  void emptyLocalChangesSendNothing() {
    ClientStep step = new Synchronized(0).applyLocal(Change.EMPTY);
    assertEquals(new Synchronized(0), step.next());
    assertNull(step.toSend());
  }

  @Test
  void protocolErrorsAreClear() {
    assertEquals("acknowledgement at version 1 but this client has no change in flight (synchronized at version 0)",
        assertThrows(IllegalStateException.class, () -> new Synchronized(0).serverAck(1)).getMessage());
    assertEquals("acknowledgement at version 9 but this client has integrated version 3; "
        + "the server changes in between were not delivered first",
        assertThrows(IllegalStateException.class,
            () -> new AwaitingConfirm(3, Change.of(new Insert(0, "x"))).serverAck(9)).getMessage());
  }
}
