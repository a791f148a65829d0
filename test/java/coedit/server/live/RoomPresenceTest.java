package coedit.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import coedit.ot.Change;
import coedit.ot.Insert;
import coedit.protocol.Selection;
import coedit.server.core.PeerPresence;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room's presence across nodes, as scripts: what other nodes report is shown at the
 * room's version, in stream order; a client connected here wins over reports about it;
 * of two connections of one client the later wins; a node's end takes its participants.
 */
class RoomPresenceTest {
  /** No entries to move through: selections made at an older version stay as they are. */
  static final RoomPresence.Mover STILL = (s, version) -> s;

  static PeerPresence at(String node, String client, long since, long version, int caret) {
    return PeerPresence.presence(node, "doc", client, since, client.toUpperCase(), "#123456",
        new Selection(caret, caret), version);
  }

  @Test
  void aReportAheadOfTheRoomWaitsUntilTheRoomReachesItsVersion() {
    RoomPresence room = new RoomPresence();
    // b's room is at version 3, ours at 2: the caret would be wrong here before entry 3.
    assertEquals(List.of(), room.heard(at("b", "bo", 1, 3, 4), 2, 10, STILL));
    assertEquals(List.of(), room.visible());
    room.moveThrough(Change.of(new Insert(0, "xy")));
    List<RoomPresence.Shown> shown = room.reached(3, 12, STILL);
    assertEquals(1, shown.size());
    assertEquals(new Selection(4, 4), shown.get(0).now().selection()); // already at version 3: not moved again
    // Later entries move it like any selection.
    room.moveThrough(Change.of(new Insert(0, "z")));
    assertEquals(new Selection(5, 5), room.visible().get(0).selection());
  }

  @Test
  void aReportBehindTheRoomIsMovedToItsVersionAndClamped() {
    RoomPresence room = new RoomPresence();
    RoomPresence.Mover throughAnInsert = (s, version) -> version == 1 ? s.through(Change.of(new Insert(0, "abc"))) : s;
    List<RoomPresence.Shown> shown = room.heard(at("b", "bo", 1, 1, 2), 2, 4, throughAnInsert);
    assertEquals(new Selection(4, 4), shown.get(0).now().selection()); // 2 + 3, clamped to 4
  }

  @Test
  void aClientConnectedHereIsShownAsItsLocalSelfAndItsRemoteSelfOnceItLeavesHere() {
    RoomPresence room = new RoomPresence();
    room.putLocal(new Participant("bo", "Bo here", "#000000", null));
    assertEquals(List.of(), room.heard(at("b", "bo", 5, 0, 1), 0, 10, STILL));
    assertEquals("Bo here", room.visible().get(0).name());
    RoomPresence.Shown gone = room.removeLocal("bo");
    assertEquals("BO", gone.now().name()); // still in the document, through node b
    assertEquals(1, room.visible().size());
  }

  @Test
  void ofTwoConnectionsOfOneClientTheLaterWinsAndALateLeaveOfTheOlderChangesNothing() {
    RoomPresence room = new RoomPresence();
    room.heard(at("a", "cy", 100, 0, 1), 0, 10, STILL);
    room.heard(at("b", "cy", 200, 0, 2), 0, 10, STILL); // cy reconnected through b
    assertEquals(List.of(), room.heard(at("a", "cy", 100, 0, 7), 0, 10, STILL)); // a's report, sent before
    assertEquals(List.of(), room.heard(PeerPresence.leave("a", "doc", "cy", 100), 0, 10, STILL));
    assertEquals(new Selection(2, 2), room.visible().get(0).selection());
    List<RoomPresence.Shown> left = room.heard(PeerPresence.leave("b", "doc", "cy", 200), 0, 10, STILL);
    assertNull(left.get(0).now());
    assertEquals(List.of(), room.visible());
  }

  @Test
  void aNodeThatIsGoneTakesItsParticipantsAndTheirHeldReportsWithIt() {
    RoomPresence room = new RoomPresence();
    room.heard(at("a", "ada", 1, 0, 1), 0, 10, STILL);
    room.heard(at("b", "bo", 1, 0, 1), 0, 10, STILL);
    room.heard(at("a", "al", 1, 5, 1), 0, 10, STILL); // held: ahead of the room
    List<RoomPresence.Shown> gone = room.heard(PeerPresence.nodeGone("a"), 0, 10, STILL);
    assertEquals(List.of(new RoomPresence.Shown("ada", null)), gone);
    assertEquals(List.of(), room.reached(5, 10, STILL));
    assertEquals(List.of("bo"), room.visible().stream().map(Participant::clientId).toList());
  }
}
