package coedit.todo;

import coedit.engine.Codecs;
import coedit.engine.DepotRecord;
import coedit.engine.ListRef;
import coedit.engine.ListStore;
import coedit.engine.MapRef;
import coedit.engine.MapStore;
import coedit.engine.Module;
import coedit.engine.ModuleBuilder;
import coedit.engine.Processor;
import coedit.engine.TaskContext;
import coedit.todo.data.CompleteTodo;
import coedit.todo.data.NewTodo;
import coedit.todo.data.ReorderTodo;
import coedit.todo.data.TodoAck;
import coedit.todo.data.TodoAck.Done;
import coedit.todo.data.TodoAck.Failed;
import coedit.todo.data.TodoCodecs;
import coedit.todo.data.TodoEvent;
import coedit.todo.data.TodoItem;

/**
 * The todo list of "Rama in five minutes": users add todos, complete them and reorder them.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Each event is applied exactly once, also across crashes (the engine commits a
 *       record's writes with its processed mark).
 *   <li>A user's events apply one at a time in append order: they share a depot partition,
 *       whose task runs them serially, so no two events race on one list.
 *   <li>{@code $$completedCount} always equals the number of completed todos in
 *       {@code $$todos}: both are written by the same event, atomically.
 *   <li>An event with an out-of-range index (or a missing text, or an already completed
 *       todo) is answered with a {@link Failed} ack naming the problem; state is unchanged.
 * </ul>
 * Client usage: TodoModuleTest.
 */
public final class TodoModule implements Module {
  public static final String NAME = "todo";
  public static final String TODO_DEPOT = "*todoDepot";
  public static final String TODOS = "$$todos";
  public static final String COMPLETED_COUNT = "$$completedCount";
  public static final String TOPOLOGY = "todos";
  /** Longest todo text, in chars. */
  public static final int MAX_TEXT = 10_000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void define(ModuleBuilder b) {
    // All of a user's events and PState keys live on the partition of the userId.
    var depot = b.depot(TODO_DEPOT, TodoCodecs.EVENT, TodoEvent::userId);
    var todos = b.list(TODOS, Codecs.string(), TodoCodecs.ITEM);
    var completed = b.map(COMPLETED_COUNT, Codecs.string(), Codecs.longs());
    b.stream(TOPOLOGY, depot, () -> new Todos(todos, completed));
  }

  /** The stream topology: one instance per task. */
  static final class Todos implements Processor<TodoEvent> {
    private final ListRef<String, TodoItem> todosRef;
    private final MapRef<String, Long> completedRef;
    private ListStore<String, TodoItem> todos;
    private MapStore<String, Long> completed;

    Todos(ListRef<String, TodoItem> todos, MapRef<String, Long> completed) {
      this.todosRef = todos;
      this.completedRef = completed;
    }

    @Override
    public void init(TaskContext ctx) {
      todos = ctx.store(todosRef);
      completed = ctx.store(completedRef);
    }

    @Override
    public Object process(DepotRecord<TodoEvent> record) {
      TodoEvent event = record.value();
      if (event.userId().isEmpty()) return new Failed("userId is empty");
      // Every check runs before the first write, so a failed event leaves state unchanged.
      if (event instanceof NewTodo n) return add(n);
      if (event instanceof CompleteTodo c) return complete(c);
      return reorder((ReorderTodo) event);
    }

    private TodoAck add(NewTodo n) {
      if (n.text() == null || n.text().isEmpty()) return new Failed("a new todo needs a non-empty text");
      if (n.text().length() > MAX_TEXT) {
        return new Failed("todo text has " + n.text().length() + " chars; at most " + MAX_TEXT + " are allowed");
      }
      // Appending to a subindexed list is O(1) and never rewrites the user's other todos.
      return new Done((int) todos.append(n.userId(), new TodoItem(n.text(), null)));
    }

    private TodoAck complete(CompleteTodo c) {
      long size = todos.size(c.userId());
      String bad = outOfRange("index", c.index(), size, c.userId());
      if (bad != null) return new Failed(bad);
      TodoItem item = todos.get(c.userId(), c.index());
      if (item.completed()) return new Failed("todo " + c.index() + " of " + c.userId() + " is already completed");
      // Both writes commit together, so the count never disagrees with the list.
      todos.set(c.userId(), c.index(), new TodoItem(item.todo(), c.timeMillis()));
      Long count = completed.get(c.userId());
      completed.put(c.userId(), (count == null ? 0 : count) + 1);
      return new Done(c.index());
    }

    private TodoAck reorder(ReorderTodo r) {
      long size = todos.size(r.userId());
      String bad = outOfRange("fromIndex", r.fromIndex(), size, r.userId());
      if (bad == null) bad = outOfRange("toIndex", r.toIndex(), size, r.userId());
      if (bad != null) return new Failed(bad);
      // Shift the todos between the two positions by one, then place the moved one: only
      // the |from - to| + 1 affected elements are rewritten.
      TodoItem moved = todos.get(r.userId(), r.fromIndex());
      int step = r.toIndex() > r.fromIndex() ? 1 : -1;
      for (int i = r.fromIndex(); i != r.toIndex(); i += step) {
        todos.set(r.userId(), i, todos.get(r.userId(), i + step));
      }
      todos.set(r.userId(), r.toIndex(), moved);
      return new Done(r.toIndex());
    }

    private static String outOfRange(String what, int index, long size, String userId) {
      if (index >= 0 && index < size) return null;
      return what + " " + index + " is out of range: " + userId + " has " + size + " todo"
          + (size == 1 ? "" : "s") + (size == 0 ? "" : " (indexes 0 to " + (size - 1) + ")");
    }
  }
}
