package coedit.todo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.AckLevel;
import coedit.engine.Depot;
import coedit.engine.FsyncPolicy;
import coedit.engine.ListPState;
import coedit.engine.MapPState;
import coedit.engine.ModuleInstance;
import coedit.engine.Cluster;
import coedit.engine.testing.TestRuntime;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import coedit.todo.data.CompleteTodo;
import coedit.todo.data.NewTodo;
import coedit.todo.data.ReorderTodo;
import coedit.todo.data.TodoAck;
import coedit.todo.data.TodoAck.Done;
import coedit.todo.data.TodoAck.Failed;
import coedit.todo.data.TodoEvent;
import coedit.todo.data.TodoItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The todo module of "Rama in five minutes", as a story and against a plain model. */
@ParameterizedClass(name = "on {0}")
@MethodSource("coedit.engine.testing.TestRuntime#all")
class TodoModuleTest {
  @Parameter
  TestRuntime runtime;

  @Test
  void aliceAddsCompletesAndReordersHerTodos() {
    try (Cluster cluster = runtime.fresh(c -> c.withFsync(FsyncPolicy.NEVER))) {
      ModuleInstance todo = cluster.launch(new TodoModule());
      Depot<TodoEvent> depot = todo.depot(TodoModule.TODO_DEPOT);
      ListPState<String, TodoItem> todos = todo.list(TodoModule.TODOS);
      MapPState<String, Long> completed = todo.map(TodoModule.COMPLETED_COUNT);

      assertEquals(new Done(0), ack(depot, new NewTodo("alice", "buy milk")));
      assertEquals(new Done(1), ack(depot, new NewTodo("alice", "write tests")));
      assertEquals(new Done(2), ack(depot, new NewTodo("alice", "ship it")));
      assertEquals(new Done(0), ack(depot, new NewTodo("bob", "read the article")));
      // Alice finishes her tests at t=1000.
      assertEquals(new Done(1), ack(depot, new CompleteTodo("alice", 1, 1000)));
      // She moves "ship it" to the top; the others shift down by one.
      assertEquals(new Done(0), ack(depot, new ReorderTodo("alice", 2, 0)));
      assertEquals(List.of(new TodoItem("ship it", null), new TodoItem("buy milk", null),
          new TodoItem("write tests", 1000L)), todos.range("alice", 0, 10));
      assertEquals(1L, completed.get("alice"));

      // These fail because the indexes are out of range or the todo is done already; the
      // acks say why, and nothing changes.
      assertEquals(new Failed("index 3 is out of range: alice has 3 todos (indexes 0 to 2)"),
          ack(depot, new CompleteTodo("alice", 3, 2000)));
      assertEquals(new Failed("index -1 is out of range: alice has 3 todos (indexes 0 to 2)"),
          ack(depot, new CompleteTodo("alice", -1, 2000)));
      assertEquals(new Failed("toIndex 7 is out of range: alice has 3 todos (indexes 0 to 2)"),
          ack(depot, new ReorderTodo("alice", 0, 7)));
      assertEquals(new Failed("fromIndex 0 is out of range: carol has 0 todos"),
          ack(depot, new ReorderTodo("carol", 0, 0)));
      assertEquals(new Failed("todo 2 of alice is already completed"),
          ack(depot, new CompleteTodo("alice", 2, 3000)));
      assertEquals(new Failed("a new todo needs a non-empty text"), ack(depot, new NewTodo("alice", "")));
      assertEquals(3, todos.size("alice"));
      assertEquals(1L, completed.get("alice"));
      assertEquals(null, completed.get("bob"));
    }
  }

  @Test
  void randomEventsLeaveTheSameStateAsAPlainModel() {
    long seed = Long.getLong("coedit.seed", System.nanoTime());
    Random random = new Random(seed);
    List<String> users = List.of("ann", "ben", "cat");
    Map<String, List<TodoItem>> modelTodos = new HashMap<>();
    Map<String, Long> modelCompleted = new HashMap<>();
    try (Cluster cluster = runtime.fresh(c -> c.withFsync(FsyncPolicy.NEVER))) {
      ModuleInstance todo = cluster.launch(new TodoModule());
      Depot<TodoEvent> depot = todo.depot(TodoModule.TODO_DEPOT);
      for (int i = 0; i < 600; i++) {
        String user = users.get(random.nextInt(users.size()));
        List<TodoItem> list = modelTodos.computeIfAbsent(user, u -> new ArrayList<>());
        int bound = list.size() + 2;
        TodoEvent event = switch (random.nextInt(3)) {
          case 0 -> new NewTodo(user, "todo " + i);
          case 1 -> new CompleteTodo(user, random.nextInt(bound + 1) - 1, i);
          default -> new ReorderTodo(user, random.nextInt(bound + 1) - 1, random.nextInt(bound + 1) - 1);
        };
        boolean applied = applyToModel(list, modelCompleted, event);
        TodoAck ack = ack(depot, event);
        assertEquals(applied, ack instanceof Done, "seed " + seed + ": " + event + " -> " + ack);
      }
      ListPState<String, TodoItem> todos = todo.list(TodoModule.TODOS);
      MapPState<String, Long> completed = todo.map(TodoModule.COMPLETED_COUNT);
      for (String user : users) {
        assertEquals(modelTodos.getOrDefault(user, List.of()), todos.range(user, 0, 10_000), "seed " + seed);
        assertEquals(modelCompleted.get(user), completed.get(user), "seed " + seed);
      }
    }
  }

  /** The plain model: a list per user; returns whether the event applies. */
  private static boolean applyToModel(List<TodoItem> list, Map<String, Long> completed, TodoEvent event) {
    if (event instanceof NewTodo n) {
      list.add(new TodoItem(n.text(), null));
      return true;
    }
    if (event instanceof CompleteTodo c) {
      if (c.index() < 0 || c.index() >= list.size() || list.get(c.index()).completed()) return false;
      list.set(c.index(), new TodoItem(list.get(c.index()).todo(), c.timeMillis()));
      completed.merge(c.userId(), 1L, Long::sum);
      return true;
    }
    ReorderTodo r = (ReorderTodo) event;
    if (r.fromIndex() < 0 || r.fromIndex() >= list.size() || r.toIndex() < 0 || r.toIndex() >= list.size()) return false;
    list.add(r.toIndex(), list.remove(r.fromIndex()));
    return true;
  }

  private static TodoAck ack(Depot<TodoEvent> depot, TodoEvent event) {
    TodoAck ack = depot.append(event, AckLevel.ACK).ack(TodoModule.TOPOLOGY);
    assertTrue(ack != null, "no ack for " + event);
    return ack;
  }
}
