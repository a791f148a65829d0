package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;
import coedit.engine.ListRef;
import coedit.engine.MapRef;
import coedit.engine.SortedMapRef;

/** The editor module's PStates, as declared; handed to its topology and queries. */
record EditorPStates(
    MapRef<String, Snapshot> snapshots,
    ListRef<String, HistoryEntry> history,
    SortedMapRef<String, ClientSeq, SeqEntry> submissions,
    MapRef<String, Snapshot> horizons) {}
