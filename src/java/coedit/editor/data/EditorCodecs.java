package coedit.editor.data;

import coedit.engine.ByteReader;
import coedit.engine.ByteWriter;
import coedit.engine.Codec;
import coedit.engine.CodecException;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary codecs of the editor module's depot records and PState values. Each value starts
 * with a format byte so that a later format can be told apart. They are total: any value
 * that can be built is encoded and decoded back equal, including malformed changes (null
 * texts, negative offsets, unpaired surrogates), which the module then rejects with a clear
 * error instead of the append failing in the codec.
 */
public final class EditorCodecs {
  private EditorCodecs() {}

  private static final int FORMAT = 1;
  private static final int INSERT = 1;
  private static final int DELETE = 2;

  /** {@code *editDepot} records. */
  public static final Codec<EditSubmission> SUBMISSION = new Codec<>() {
    @Override
    public byte[] encode(EditSubmission s) {
      ByteWriter w = new ByteWriter(64);
      w.u8(FORMAT);
      w.string(s.docId());
      w.string(s.clientId());
      w.i64(s.seq());
      w.i64(s.version());
      writeChange(w, s.change());
      return w.toBytes();
    }

    @Override
    public EditSubmission decode(byte[] bytes) {
      ByteReader r = reader("edit submission", bytes);
      EditSubmission s = new EditSubmission(
          notNull(r, r.string(), "docId"), notNull(r, r.string(), "clientId"), r.i64(), r.i64(), readChange(r));
      r.end();
      return s;
    }
  };

  /** {@code $$history} elements. */
  public static final Codec<HistoryEntry> HISTORY_ENTRY = new Codec<>() {
    @Override
    public byte[] encode(HistoryEntry e) {
      ByteWriter w = new ByteWriter(48);
      w.u8(FORMAT);
      w.i64(e.version());
      w.string(e.clientId());
      w.i64(e.seq());
      w.i64(e.timeMillis());
      writeChange(w, e.change());
      return w.toBytes();
    }

    @Override
    public HistoryEntry decode(byte[] bytes) {
      ByteReader r = reader("history entry", bytes);
      HistoryEntry e = new HistoryEntry(r.i64(), r.string(), r.i64(), r.i64(), readChange(r));
      r.end();
      return e;
    }
  };

  /** {@code $$snapshots} values. */
  public static final Codec<Snapshot> SNAPSHOT = new Codec<>() {
    @Override
    public byte[] encode(Snapshot s) {
      ByteWriter w = new ByteWriter(16 + s.text().length());
      w.u8(FORMAT);
      w.i64(s.version());
      w.string(s.text());
      return w.toBytes();
    }

    @Override
    public Snapshot decode(byte[] bytes) {
      ByteReader r = reader("snapshot", bytes);
      Snapshot s = new Snapshot(r.i64(), notNull(r, r.string(), "text"));
      r.end();
      return s;
    }
  };

  /**
   * {@code $$submissions} subkeys: the clientId's UTF-8 bytes, a 0 byte, then the seq as 8
   * big-endian bytes with the sign bit flipped. Valid ids contain no 0 byte, so this sorts by
   * clientId, then seq, and one client's entries form one contiguous range.
   */
  public static final Codec<ClientSeq> CLIENT_SEQ = new Codec<>() {
    @Override
    public byte[] encode(ClientSeq k) {
      byte[] id = k.clientId().getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[id.length + 9];
      System.arraycopy(id, 0, out, 0, id.length);
      long seq = k.seq() ^ Long.MIN_VALUE;
      for (int i = 0; i < 8; i++) out[id.length + 1 + i] = (byte) (seq >>> (56 - 8 * i));
      return out;
    }

    @Override
    public ClientSeq decode(byte[] bytes) {
      if (bytes.length < 9 || bytes[bytes.length - 9] != 0) {
        throw new CodecException("client seq subkey: malformed " + bytes.length + "-byte value");
      }
      long seq = 0;
      for (int i = bytes.length - 8; i < bytes.length; i++) seq = seq << 8 | (bytes[i] & 0xff);
      return new ClientSeq(new String(bytes, 0, bytes.length - 9, StandardCharsets.UTF_8),
          seq ^ Long.MIN_VALUE);
    }
  };

  private static ByteReader reader(String what, byte[] bytes) {
    ByteReader r = new ByteReader(what, bytes);
    int format = r.u8();
    if (format != FORMAT) throw r.bad("unknown format " + format);
    return r;
  }

  private static <T> T notNull(ByteReader r, T value, String field) {
    if (value == null) throw r.bad(field + " is null");
    return value;
  }

  private static void writeChange(ByteWriter w, Change c) {
    List<Edit> edits = c.edits();
    w.i32(edits.size());
    for (Edit e : edits) {
      if (e instanceof Insert ins) {
        w.u8(INSERT);
        w.i32(ins.offset());
        w.string(ins.text());
      } else {
        Delete d = (Delete) e;
        w.u8(DELETE);
        w.i32(d.offset());
        w.i32(d.length());
      }
    }
  }

  private static Change readChange(ByteReader r) {
    int n = r.i32();
    if (n < 0) throw r.bad("edit count " + n);
    List<Edit> edits = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      int kind = r.u8();
      if (kind == INSERT) {
        edits.add(new Insert(r.i32(), r.string()));
      } else if (kind == DELETE) {
        edits.add(new Delete(r.i32(), r.i32()));
      } else {
        throw r.bad("unknown edit kind " + kind);
      }
    }
    return edits.isEmpty() ? Change.EMPTY : new Change(edits);
  }
}
