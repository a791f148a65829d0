package coedit.client;

import coedit.protocol.Selection;

/**
 * Another participant: name, colour and selection in local-text coordinates (kept moving
 * with every local and remote edit); {@code selection} null when they have no cursor.
 */
public record RemotePresence(String clientId, String name, String colour, Selection selection) {
  RemotePresence moved(coedit.ot.Change change) {
    return selection == null ? this : new RemotePresence(clientId, name, colour, selection.through(change));
  }
}
