package coedit.server.live;

import coedit.protocol.Selection;

/** One participant's presence as the room keeps it: at the room's current version. */
record Participant(String clientId, String name, String colour, Selection selection) {
  Participant withSelection(Selection s) {
    return new Participant(clientId, name, colour, s);
  }
}
