package coedit.todo.data;

import coedit.engine.ByteReader;
import coedit.engine.ByteWriter;
import coedit.engine.Codec;

/**
 * Codecs of the todo module: a tag byte, then the fields, written with the engine's codec
 * toolkit. Strings are written as their UTF-16 chars ({@link ByteWriter#chars}), so every
 * Java string (null included) round-trips and reaches the module's checks as it was appended.
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
      ByteWriter out = new ByteWriter(32);
      if (event instanceof NewTodo n) {
        out.u8(NEW);
        out.chars(n.userId());
        out.chars(n.text());
      } else if (event instanceof CompleteTodo c) {
        out.u8(COMPLETE);
        out.chars(c.userId());
        out.i32(c.index());
        out.i64(c.timeMillis());
      } else {
        ReorderTodo r = (ReorderTodo) event;
        out.u8(REORDER);
        out.chars(r.userId());
        out.i32(r.fromIndex());
        out.i32(r.toIndex());
      }
      return out.toBytes();
    }

    @Override
    public TodoEvent decode(byte[] bytes) {
      ByteReader in = new ByteReader("todo event", bytes);
      int tag = in.u8();
      TodoEvent event = switch (tag) {
        case NEW -> new NewTodo(in.chars(), in.chars());
        case COMPLETE -> new CompleteTodo(in.chars(), in.i32(), in.i64());
        case REORDER -> new ReorderTodo(in.chars(), in.i32(), in.i32());
        default -> throw in.bad("unknown tag " + tag);
      };
      in.end();
      return event;
    }
  };

  /** {@code $$todos} elements. */
  public static final Codec<TodoItem> ITEM = new Codec<>() {
    @Override
    public byte[] encode(TodoItem item) {
      ByteWriter out = new ByteWriter(32);
      out.chars(item.todo());
      out.u8(item.completed() ? 1 : 0);
      out.i64(item.completed() ? item.completedAt() : 0);
      return out.toBytes();
    }

    @Override
    public TodoItem decode(byte[] bytes) {
      ByteReader in = new ByteReader("todo item", bytes);
      String todo = in.chars();
      boolean completed = in.u8() != 0;
      long at = in.i64();
      in.end();
      return new TodoItem(todo, completed ? at : null);
    }
  };
}
