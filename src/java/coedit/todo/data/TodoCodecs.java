package coedit.todo.data;

import coedit.engine.Codec;
import coedit.engine.CodecException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Codecs of the todo module: a tag byte, then the fields. Strings are written as their
 * UTF-16 chars, so every Java string (null included) round-trips and reaches the module's
 * checks as it was appended.
 */
public final class TodoCodecs {
  private TodoCodecs() {}

  private static final int NEW = 1;
  private static final int COMPLETE = 2;
  private static final int REORDER = 3;

  /** {@code *todoDepot} records. */
  public static final Codec<TodoEvent> EVENT = new Codec<>() {
    @Override
    public byte[] encode(TodoEvent event) {
      return write(out -> {
        if (event instanceof NewTodo n) {
          out.writeByte(NEW);
          string(out, n.userId());
          string(out, n.text());
        } else if (event instanceof CompleteTodo c) {
          out.writeByte(COMPLETE);
          string(out, c.userId());
          out.writeInt(c.index());
          out.writeLong(c.timeMillis());
        } else {
          ReorderTodo r = (ReorderTodo) event;
          out.writeByte(REORDER);
          string(out, r.userId());
          out.writeInt(r.fromIndex());
          out.writeInt(r.toIndex());
        }
      });
    }

    @Override
    public TodoEvent decode(byte[] bytes) {
      return read("todo event", bytes, in -> {
        int tag = in.readByte();
        return switch (tag) {
          case NEW -> new NewTodo(string(in), string(in));
          case COMPLETE -> new CompleteTodo(string(in), in.readInt(), in.readLong());
          case REORDER -> new ReorderTodo(string(in), in.readInt(), in.readInt());
          default -> throw new CodecException("todo event: unknown tag " + tag);
        };
      });
    }
  };

  /** {@code $$todos} elements. */
  public static final Codec<TodoItem> ITEM = new Codec<>() {
    @Override
    public byte[] encode(TodoItem item) {
      return write(out -> {
        string(out, item.todo());
        out.writeBoolean(item.completed());
        out.writeLong(item.completed() ? item.completedAt() : 0);
      });
    }

    @Override
    public TodoItem decode(byte[] bytes) {
      return read("todo item", bytes, in -> {
        String todo = string(in);
        boolean completed = in.readBoolean();
        long at = in.readLong();
        return new TodoItem(todo, completed ? at : null);
      });
    }
  };

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      w.write(out);
    } catch (IOException e) {
      throw new CodecException("todo codec: " + e, e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(String what, byte[] bytes, Reader<T> r) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      T value = r.read(in);
      if (in.available() > 0) throw new CodecException(what + ": " + in.available() + " trailing bytes");
      return value;
    } catch (IOException | NullPointerException e) {
      throw new CodecException(what + ": malformed " + bytes.length + "-byte value: " + e, e);
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    out.writeInt(s == null ? -1 : s.length());
    if (s != null) out.writeChars(s);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) return null;
    if (n < 0 || n > in.available() / 2) throw new IOException("string length " + n);
    char[] chars = new char[n];
    for (int i = 0; i < n; i++) chars[i] = in.readChar();
    return new String(chars);
  }
}
