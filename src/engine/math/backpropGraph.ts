/**
 * A computational graph of scalars with forward values and reverse-mode
 * gradients, in plain numbers (no tfjs): chapter 3's step-by-step backprop
 * figure. Checked against tf.grad in tests/unit/backpropGraph.test.ts.
 */
export type GraphOp = 'leaf' | 'add' | 'mul' | 'sub' | 'sigmoid' | 'tanh' | 'relu' | 'halfSquare';

export interface GraphNode {
  id: string;
  /** Shown in the node, e.g. "×" or "σ"; leaves show their name. */
  label: string;
  op: GraphOp;
  inputs: string[];
}

/** A graph plus its leaves' default values; the last node is the loss. */
export interface Graph {
  nodes: GraphNode[];
  /** Leaves that are parameters (get a gradient the reader cares about), vs data (x, y). */
  params: string[];
}

const leaf = (id: string): GraphNode => ({ id, label: id, op: 'leaf', inputs: [] });
const op = (id: string, o: GraphOp, label: string, ...inputs: string[]): GraphNode => ({ id, label, op: o, inputs });

/** One sigmoid neuron with squared loss: L = ½(σ(w₁x₁ + w₂x₂ + b) − y)². */
export function neuronGraph(): Graph {
  return {
    params: ['w1', 'w2', 'b'],
    nodes: [
      leaf('x1'), leaf('w1'), leaf('x2'), leaf('w2'), leaf('b'), leaf('y'),
      op('p1', 'mul', '×', 'w1', 'x1'), op('p2', 'mul', '×', 'w2', 'x2'),
      op('z', 'add', '+', 'p1', 'p2', 'b'), op('a', 'sigmoid', 'σ', 'z'),
      op('r', 'sub', '−', 'a', 'y'), op('L', 'halfSquare', '½(·)²', 'r'),
    ],
  };
}

/** A 2-2-1 network: hᵢ = σ(w₁ᵢx₁ + w₂ᵢx₂ + bᵢ), ŷ = v₁h₁ + v₂h₂ + c, L = ½(ŷ − y)². */
export function tinyNetGraph(): Graph {
  return {
    params: ['w11', 'w21', 'w12', 'w22', 'b1', 'b2', 'v1', 'v2', 'c'],
    nodes: [
      leaf('x1'), leaf('x2'), leaf('w11'), leaf('w21'), leaf('w12'), leaf('w22'), leaf('b1'), leaf('b2'),
      op('p11', 'mul', '×', 'w11', 'x1'), op('p21', 'mul', '×', 'w21', 'x2'), op('p12', 'mul', '×', 'w12', 'x1'), op('p22', 'mul', '×', 'w22', 'x2'),
      op('z1', 'add', '+', 'p11', 'p21', 'b1'), op('z2', 'add', '+', 'p12', 'p22', 'b2'),
      op('h1', 'sigmoid', 'σ', 'z1'), op('h2', 'sigmoid', 'σ', 'z2'),
      leaf('v1'), leaf('v2'), leaf('c'),
      op('q1', 'mul', '×', 'v1', 'h1'), op('q2', 'mul', '×', 'v2', 'h2'),
      op('out', 'add', '+', 'q1', 'q2', 'c'), leaf('y'),
      op('r', 'sub', '−', 'out', 'y'), op('L', 'halfSquare', '½(·)²', 'r'),
    ],
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Forward pass: every node's value, in the nodes' (topological) order. */
export function forward(g: Graph, leaves: Record<string, number>): Record<string, number> {
  const v: Record<string, number> = {};
  for (const n of g.nodes) {
    const a = n.inputs.map((i) => v[i]);
    switch (n.op) {
      case 'leaf':
        v[n.id] = leaves[n.id] ?? 0;
        break;
      case 'add':
        v[n.id] = a.reduce((s, t) => s + t, 0);
        break;
      case 'mul':
        v[n.id] = a[0] * a[1];
        break;
      case 'sub':
        v[n.id] = a[0] - a[1];
        break;
      case 'sigmoid':
        v[n.id] = sigmoid(a[0]);
        break;
      case 'tanh':
        v[n.id] = Math.tanh(a[0]);
        break;
      case 'relu':
        v[n.id] = Math.max(0, a[0]);
        break;
      case 'halfSquare':
        v[n.id] = 0.5 * a[0] * a[0];
        break;
    }
  }
  return v;
}

/** ∂node/∂(its k-th input), from the stored forward values: this is why backprop keeps the activations. */
export function localDerivative(n: GraphNode, k: number, v: Record<string, number>): number {
  const a = n.inputs.map((i) => v[i]);
  switch (n.op) {
    case 'leaf':
      return 0;
    case 'add':
      return 1;
    case 'mul':
      return a[1 - k];
    case 'sub':
      return k === 0 ? 1 : -1;
    case 'sigmoid':
      return v[n.id] * (1 - v[n.id]);
    case 'tanh':
      return 1 - v[n.id] * v[n.id];
    case 'relu':
      return a[0] > 0 ? 1 : 0;
    case 'halfSquare':
      return a[0];
  }
}

/** One edge's numbers: the value flowing forward and the gradient flowing back (∂L/∂to · ∂to/∂from). */
export interface EdgeNumbers {
  from: string;
  to: string;
  value: number;
  gradient: number;
}

/**
 * Reverse mode: ∂L/∂node for every node, walking the nodes backwards from the
 * loss (the last node), each adding its share to its inputs by the chain rule.
 */
export function backward(g: Graph, v: Record<string, number>): { grads: Record<string, number>; edges: EdgeNumbers[] } {
  const grads: Record<string, number> = {};
  for (const n of g.nodes) grads[n.id] = 0;
  const last = g.nodes[g.nodes.length - 1];
  grads[last.id] = 1;
  const edges: EdgeNumbers[] = [];
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    const n = g.nodes[i];
    n.inputs.forEach((input, k) => {
      const contribution = grads[n.id] * localDerivative(n, k, v);
      grads[input] += contribution;
      edges.push({ from: input, to: n.id, value: v[input], gradient: contribution });
    });
  }
  return { grads, edges };
}

/** The order the figure reveals things: each node's forward value, then each node's gradient from the loss back. */
export function schedule(g: Graph): { phase: 'forward' | 'backward'; node: string }[] {
  return [...g.nodes.map((n) => ({ phase: 'forward' as const, node: n.id })), ...[...g.nodes].reverse().map((n) => ({ phase: 'backward' as const, node: n.id }))];
}

/** Column of each node for drawing: ops by longest path from the leaves, leaves just left of their first consumer. */
export function layout(g: Graph): Record<string, { col: number; row: number }> {
  const col: Record<string, number> = {};
  for (const n of g.nodes) col[n.id] = n.op === 'leaf' ? 0 : 1 + Math.max(...n.inputs.map((i) => (g.nodes.find((m) => m.id === i)!.op === 'leaf' ? 0 : col[i])));
  for (const n of g.nodes) if (n.op === 'leaf') {
    const users = g.nodes.filter((m) => m.inputs.includes(n.id)).map((m) => col[m.id]);
    col[n.id] = Math.max(0, Math.min(...users) - 1);
  }
  const rows: Record<number, number> = {};
  const out: Record<string, { col: number; row: number }> = {};
  for (const n of g.nodes) {
    const c = col[n.id];
    out[n.id] = { col: c, row: (rows[c] = (rows[c] ?? -1) + 1) };
  }
  return out;
}
