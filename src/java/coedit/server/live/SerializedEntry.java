package coedit.server.live;

import coedit.editor.data.HistoryEntry;

/** An accepted entry with its {@code entry} message text, serialised once per room. */
record SerializedEntry(HistoryEntry entry, String json) {}
