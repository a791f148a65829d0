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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary codecs of the editor module's depot records and PState values. Each value starts
 * with a format byte so that a later format can be told apart. They are total: any value
 * that can be built is encoded and decoded back equal, including malformed changes (null
 * texts, negative offsets, unpaired surrogates), which the module then rejects with a clear
 * error instead of the append failing in the codec.
 *
 * <p>Formats: submissions and history entries are written in format 2, which adds the
 * author (a nullable string) at the end; format 1 records (written before authors existed)
 * still decode, with a null author. Snapshots are format 1.
 */
public final class EditorCodecs {
  private EditorCodecs() {}

  private static final int FORMAT = 1;
  /** Submissions and history entries with an author. */
  private static final int FORMAT_AUTHOR = 2;
  private static final int INSERT = 1;
  private static final int DELETE = 2;

  /** {@code *editDepot} records. */
  public static final Codec<EditSubmission> SUBMISSION = new Codec<>() {
    @Override
    public byte[] encode(EditSubmission s) {
      ByteWriter w = new ByteWriter(64);
      w.u8(FORMAT_AUTHOR);
      w.string(s.docId());
      w.string(s.clientId());
      w.i64(s.seq());
      w.i64(s.version());
      writeChange(w, s.change());
      w.string(s.author());
      return w.toBytes();
    }

    @Override
    public EditSubmission decode(byte[] bytes) {
      ByteReader r = new ByteReader("edit submission", bytes);
      int format = format(r, FORMAT, FORMAT_AUTHOR);
      EditSubmission s = new EditSubmission(notNull(r, r.string(), "docId"), notNull(r, r.string(), "clientId"),
          r.i64(), r.i64(), readChange(r), format == FORMAT_AUTHOR ? r.string() : null);
      r.end();
      return s;
    }
  };

  /** {@code $$history} elements. */
  public static final Codec<HistoryEntry> HISTORY_ENTRY = new Codec<>() {
    @Override
    public byte[] encode(HistoryEntry e) {
      ByteWriter w = new ByteWriter(48);
      w.u8(FORMAT_AUTHOR);
      w.i64(e.version());
      w.string(e.clientId());
      w.i64(e.seq());
      w.i64(e.timeMillis());
      writeChange(w, e.change());
      w.string(e.author());
      return w.toBytes();
    }

    @Override
    public HistoryEntry decode(byte[] bytes) {
      ByteReader r = new ByteReader("history entry", bytes);
      int format = format(r, FORMAT, FORMAT_AUTHOR);
      HistoryEntry e = new HistoryEntry(r.i64(), r.string(), r.i64(), r.i64(), readChange(r),
          format == FORMAT_AUTHOR ? r.string() : null);
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
   * {@code $$submissions} subkeys. Anonymous (no author): the clientId's UTF-8 bytes, a 0
   * byte, then the seq as 8 big-endian bytes with the sign bit flipped (the format stored
   * before authors existed, so old keys still match). With an author: a 1 byte, the author's
   * UTF-8 bytes, a 0 byte, then the anonymous form. Valid ids start with neither byte and
   * contain no 0 byte, and authors contain no 0 byte ({@code SubmissionCheck}), so the two
   * forms never meet, and one (author, client)'s entries form one contiguous range by seq.
   */
  public static final Codec<ClientSeq> CLIENT_SEQ = new Codec<>() {
    @Override
    public byte[] encode(ClientSeq k) {
      byte[] author = k.author() == null ? new byte[0] : k.author().getBytes(StandardCharsets.UTF_8);
      int head = k.author() == null ? 0 : author.length + 2;
      byte[] id = k.clientId().getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[head + id.length + 9];
      if (k.author() != null) {
        out[0] = 1;
        System.arraycopy(author, 0, out, 1, author.length);
      }
      System.arraycopy(id, 0, out, head, id.length);
      long seq = k.seq() ^ Long.MIN_VALUE;
      for (int i = 0; i < 8; i++) out[head + id.length + 1 + i] = (byte) (seq >>> (56 - 8 * i));
      return out;
    }

    @Override
    public ClientSeq decode(byte[] bytes) {
      if (bytes.length < 9 || bytes[bytes.length - 9] != 0) {
        throw new CodecException("client seq subkey: malformed " + bytes.length + "-byte value");
      }
      String author = null;
      int head = 0;
      if (bytes[0] == 1) {
        int end = 1;
        while (end < bytes.length - 9 && bytes[end] != 0) end++;
        if (end >= bytes.length - 9) throw new CodecException("client seq subkey: author without an end");
        author = new String(bytes, 1, end - 1, StandardCharsets.UTF_8);
        head = end + 1;
      }
      long seq = 0;
      for (int i = bytes.length - 8; i < bytes.length; i++) seq = seq << 8 | (bytes[i] & 0xff);
      return new ClientSeq(author, new String(bytes, head, bytes.length - 9 - head, StandardCharsets.UTF_8),
          seq ^ Long.MIN_VALUE);
    }
  };

  /**
   * {@code $$submissions} values. Written as a format byte, the version and the
   * fingerprint (17 bytes); an 8-byte value is the older form, the version alone (as
   * {@code Codecs.longs()} wrote it), read with the fingerprint unknown.
   */
  public static final Codec<SeqEntry> SEQ_ENTRY = new Codec<>() {
    @Override
    public byte[] encode(SeqEntry e) {
      if (e.fingerprint() == null) return coedit.engine.Codecs.longs().encode(e.version());
      ByteWriter w = new ByteWriter(17);
      w.u8(FORMAT);
      w.i64(e.version());
      w.i64(e.fingerprint());
      return w.toBytes();
    }

    @Override
    public SeqEntry decode(byte[] bytes) {
      if (bytes.length == 8) return new SeqEntry(coedit.engine.Codecs.longs().decode(bytes), null);
      ByteReader r = reader("submission index entry", bytes);
      SeqEntry e = new SeqEntry(r.i64(), r.i64());
      r.end();
      return e;
    }
  };

  /**
   * What a submission submitted, as 64 bits: the first 8 bytes of the SHA-256 of its base
   * version and change in this codec's encoding. Stable across processes and releases (it
   * is stored), and equal for a byte-for-byte resubmission; the author, client and seq are
   * not in it because they are the index key it is stored under.
   */
  public static long fingerprint(EditSubmission s) {
    ByteWriter w = new ByteWriter(32);
    w.i64(s.version());
    writeChange(w, s.change());
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(w.toBytes());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    long f = 0;
    for (int i = 0; i < 8; i++) f = f << 8 | (digest[i] & 0xff);
    return f;
  }

  private static ByteReader reader(String what, byte[] bytes) {
    ByteReader r = new ByteReader(what, bytes);
    int format = r.u8();
    if (format != FORMAT) throw r.bad("unknown format " + format);
    return r;
  }

  /** Reads the format byte; it must be one of {@code known}. */
  private static int format(ByteReader r, int... known) {
    int format = r.u8();
    for (int k : known) {
      if (format == k) return format;
    }
    throw r.bad("unknown format " + format);
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
