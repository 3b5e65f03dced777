package dev.rnnkit.savedmodel.safety;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;

/**
 * A MetaGraph's graph and function library, indexed for the two questions {@link GraphSafety}
 * asks: what can a run of some graph nodes reach (their ancestors, and every function called on
 * the way), and does an op's input come from a given graph tensor (through Identity ops and
 * function calls).
 */
final class GraphIndex {

  /** Where a node lives: in the graph itself, or in a function of the library. */
  record Scope(String function) {
    static final Scope GRAPH = new Scope("");

    boolean isGraph() {
      return function.isEmpty();
    }

    /** "the graph" or "function NAME", as messages say it. */
    String describe() {
      return isGraph() ? "the graph" : "function " + function;
    }
  }

  /** A node and where it lives. */
  record Located(Scope scope, NodeDef node) {}

  /**
   * What a run can reach. A function counts as a whole: which of its nodes run depends on its
   * control outputs, and assuming all of them is the safe side.
   */
  record Reach(Set<String> graphNodes, Set<String> functions) {
    boolean contains(Located located) {
      return located.scope().isGraph()
          ? graphNodes.contains(located.node().getName())
          : functions.contains(located.scope().function());
    }
  }

  /** Call ops whose data inputs are, in order, the called function's arguments. */
  private static final Set<String> PLAIN_CALLS =
      Set.of("PartitionedCall", "StatefulPartitionedCall");

  private final Map<String, NodeDef> graphNodes = new LinkedHashMap<>();
  private final Map<String, FunctionDef> functions = new LinkedHashMap<>();
  private final Map<String, Map<String, NodeDef>> functionNodes = new HashMap<>();
  private final Map<String, List<Located>> callSites = new HashMap<>();
  private final List<Located> allNodes = new ArrayList<>();
  /** Function name to the name of the gradient function the library registers for it. */
  private final Map<String, String> gradients = new HashMap<>();

  GraphIndex(GraphDef graph) {
    graph.getNodeList().forEach(node -> graphNodes.put(node.getName(), node));
    graph.getLibrary().getGradientList()
        .forEach(g -> gradients.put(g.getFunctionName(), g.getGradientFunc()));
    for (FunctionDef function : graph.getLibrary().getFunctionList()) {
      String name = function.getSignature().getName();
      functions.put(name, function);
      Map<String, NodeDef> nodes = new HashMap<>();
      function.getNodeDefList().forEach(node -> nodes.put(node.getName(), node));
      functionNodes.put(name, nodes);
    }
    graphNodes.values().forEach(node -> allNodes.add(new Located(Scope.GRAPH, node)));
    functions.forEach((name, function) -> function.getNodeDefList()
        .forEach(node -> allNodes.add(new Located(new Scope(name), node))));
    for (Located located : allNodes) {
      for (String called : calledFunctions(located.node())) {
        callSites.computeIfAbsent(called, k -> new ArrayList<>()).add(located);
      }
    }
  }

  /** Every node: the graph's, then each function's, in stored order. */
  List<Located> allNodes() {
    return Collections.unmodifiableList(allNodes);
  }

  boolean isFunction(String name) {
    return functions.containsKey(name);
  }

  /**
   * What running these graph nodes or tensors ({@code name}, {@code name:1} or {@code ^name})
   * reaches: their ancestors through data and control inputs, and every function those call,
   * directly or through other functions. Names that are not in the graph are ignored.
   */
  Reach reachFrom(Collection<String> roots) {
    Set<String> nodes = new LinkedHashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    roots.stream().map(GraphIndex::nodeName).forEach(pending::add);
    while (!pending.isEmpty()) {
      String name = pending.pop();
      NodeDef node = graphNodes.get(name);
      if (node != null && nodes.add(name)) {
        node.getInputList().stream().map(GraphIndex::nodeName).forEach(pending::add);
      }
    }
    Set<String> called = new LinkedHashSet<>();
    Deque<String> toVisit = new ArrayDeque<>();
    nodes.forEach(name -> toVisit.addAll(calledFunctions(graphNodes.get(name))));
    while (!toVisit.isEmpty()) {
      String function = toVisit.pop();
      if (functions.containsKey(function) && called.add(function)) {
        functions.get(function).getNodeDefList()
            .forEach(node -> toVisit.addAll(calledFunctions(node)));
      }
    }
    return new Reach(Collections.unmodifiableSet(nodes), Collections.unmodifiableSet(called));
  }

  /**
   * The graph nodes whose values can flow into this node: its own ancestors (itself included)
   * when it lives in the graph; for a node in a function, the ancestors of every graph node that
   * calls the function, directly or through other functions (all of a call's arguments count:
   * the safe side).
   */
  Set<String> graphAncestors(Located located) {
    List<String> roots = located.scope().isGraph()
        ? List.of(located.node().getName())
        : graphCallers(located.scope().function());
    return reachFrom(roots).graphNodes();
  }

  /** The graph nodes that call this function, directly or through other functions. */
  private List<String> graphCallers(String function) {
    List<String> callers = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(function));
    while (!pending.isEmpty()) {
      String called = pending.pop();
      if (!visited.add(called)) {
        continue;
      }
      for (Located call : callSites.getOrDefault(called, List.of())) {
        if (call.scope().isGraph()) {
          callers.add(call.node().getName());
        } else {
          pending.add(call.scope().function());
        }
      }
    }
    return callers;
  }

  /**
   * Whether input {@code index} of the node carries one of these graph tensors ({@code name:0}
   * form), passed on unchanged by Identity ops and by plain function calls. An argument of a
   * function qualifies only if every call of that function passes such a tensor; anything else
   * (a constant, a computed string, a loop or branch argument) does not.
   */
  boolean inputComesFrom(Located located, int index, Set<String> graphTensors) {
    List<String> inputs = dataInputs(located.node());
    return index < inputs.size()
        && comesFrom(located.scope(), inputs.get(index), graphTensors, new HashMap<>());
  }

  private boolean comesFrom(Scope scope, String input, Set<String> targets,
      Map<String, Boolean> memo) {
    String key = scope.function() + "\u0000" + input;
    Boolean known = memo.get(key);
    if (known != null) {
      return known; // false while in progress: a cycle proves nothing
    }
    memo.put(key, false);
    boolean result = scope.isGraph()
        ? graphTensorComesFrom(input, targets, memo)
        : functionTensorComesFrom(scope, input, targets, memo);
    memo.put(key, result);
    return result;
  }

  private boolean graphTensorComesFrom(String input, Set<String> targets,
      Map<String, Boolean> memo) {
    String tensor = input.indexOf(':') < 0 ? input + ":0" : input;
    if (targets.contains(tensor)) {
      return true;
    }
    NodeDef node = graphNodes.get(nodeName(input));
    return node != null && tensor.endsWith(":0") && node.getOp().equals("Identity")
        && comesFrom(Scope.GRAPH, node.getInput(0), targets, memo);
  }

  /** In a function, {@code arg} is an argument and {@code node:output:0} a node's output. */
  private boolean functionTensorComesFrom(Scope scope, String input, Set<String> targets,
      Map<String, Boolean> memo) {
    FunctionDef function = functions.get(scope.function());
    int colon = input.indexOf(':');
    if (colon >= 0) {
      NodeDef node = functionNodes.get(scope.function()).get(input.substring(0, colon));
      return node != null && node.getOp().equals("Identity")
          && comesFrom(scope, node.getInput(0), targets, memo);
    }
    int argument = argumentIndex(function, input);
    List<Located> calls = callSites.getOrDefault(scope.function(), List.of());
    if (argument < 0 || calls.isEmpty()) {
      return false;
    }
    for (Located call : calls) {
      List<String> passed = dataInputs(call.node());
      if (!callsPlainly(call.node(), scope.function()) || argument >= passed.size()
          || !comesFrom(call.scope(), passed.get(argument), targets, memo)) {
        return false;
      }
    }
    return true;
  }

  private static int argumentIndex(FunctionDef function, String name) {
    for (int i = 0; i < function.getSignature().getInputArgCount(); i++) {
      if (function.getSignature().getInputArg(i).getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A call whose data inputs are the function's arguments in order: a partitioned call, or the
   * function used as an op.
   */
  private static boolean callsPlainly(NodeDef node, String function) {
    if (node.getOp().equals(function)) {
      return true;
    }
    AttrValue f = node.getAttrMap().get("f");
    return PLAIN_CALLS.contains(node.getOp()) && f != null
        && f.getFunc().getName().equals(function);
  }

  /**
   * The functions a node may run: used as its op, or named anywhere in its attributes, also
   * inside a named function's own attributes (a function may call what it is handed through a
   * function-valued attribute), with the gradient functions the library registers for them
   * (SymbolicGradient runs those).
   */
  private Set<String> calledFunctions(NodeDef node) {
    Set<String> names = new LinkedHashSet<>();
    if (functions.containsKey(node.getOp())) {
      names.add(node.getOp());
    }
    node.getAttrMap().values().forEach(attr -> addFunctionsNamedIn(attr, names));
    for (String name : List.copyOf(names)) {
      String gradient = gradients.get(name);
      if (gradient != null) {
        names.add(gradient);
      }
    }
    return names;
  }

  private static void addFunctionsNamedIn(AttrValue attr, Set<String> names) {
    if (attr.hasFunc()) {
      addFunctionsNamedIn(attr.getFunc(), names);
    }
    attr.getList().getFuncList().forEach(f -> addFunctionsNamedIn(f, names));
  }

  private static void addFunctionsNamedIn(NameAttrList function, Set<String> names) {
    if (!function.getName().isEmpty()) {
      names.add(function.getName());
    }
    function.getAttrMap().values().forEach(attr -> addFunctionsNamedIn(attr, names));
  }


  private static List<String> dataInputs(NodeDef node) {
    return node.getInputList().stream().filter(input -> !input.startsWith("^")).toList();
  }

  /** {@code ^name}, {@code name:1} or {@code name:output:0} to {@code name}. */
  static String nodeName(String input) {
    String name = input.startsWith("^") ? input.substring(1) : input;
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
