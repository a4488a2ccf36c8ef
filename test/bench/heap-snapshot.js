// Heap snapshots over CDP, and a search of one for strings (a resident's name, NHS number) with the
// shortest chain of references that keeps each match alive: evidence of what still holds record data.
// Two snapshots of one page compared say what an interval left in the heap, and what keeps it.

/**
 * Takes a V8 heap snapshot of the page (streamed in chunks) and returns its JSON text.
 * @param {import('puppeteer-core').CDPSession} cdp
 */
export async function takeHeapSnapshot(cdp) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return chunks.join('');
}

/** Sample paths per needle: one per holder, up to this many. */
const MAX_MATCHES_PER_NEEDLE = 6;
const MAX_PATH = 9;

/**
 * Finds heap objects whose name (for strings: their text) contains each needle, and how each is retained.
 * @param {string} text The snapshot's JSON.
 * @param {string[]} needles
 */
export function searchHeapSnapshot(text, needles) {
  const snapshot = JSON.parse(text);
  const meta = snapshot.snapshot.meta;
  const { nodes, edges, strings } = snapshot;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const nodeTypes = meta.node_types[meta.node_fields.indexOf('type')];
  const edgeTypes = meta.edge_types[meta.edge_fields.indexOf('type')];
  const typeOffset = meta.node_fields.indexOf('type');
  const nameOffset = meta.node_fields.indexOf('name');
  const sizeOffset = meta.node_fields.indexOf('self_size');
  const edgeCountOffset = meta.node_fields.indexOf('edge_count');
  const edgeTypeOffset = meta.edge_fields.indexOf('type');
  const edgeNameOffset = meta.edge_fields.indexOf('name_or_index');
  const edgeToOffset = meta.edge_fields.indexOf('to_node');
  const nodeCount = nodes.length / nodeFields;

  // First edge of each node, and every edge's source (edges are stored in node order).
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let n = 0, e = 0; n < nodeCount; n++) {
    firstEdge[n] = e;
    e += nodes[n * nodeFields + edgeCountOffset] * edgeFields;
    firstEdge[n + 1] = e;
  }
  const describeNode = (n) => {
    const type = nodeTypes[nodes[n * nodeFields + typeOffset]];
    const name = strings[nodes[n * nodeFields + nameOffset]] ?? '';
    const short = name.length > 60 ? `${name.slice(0, 57)}…` : name;
    return `${type}:${short.replace(/\s+/g, ' ')}`;
  };
  const edgeLabel = (e) => {
    const type = edgeTypes[edges[e + edgeTypeOffset]];
    const nameOrIndex = edges[e + edgeNameOffset];
    return type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : `.${strings[nameOrIndex] ?? nameOrIndex}`;
  };

  // Shortest paths from the snapshot's root (node 0), over strong edges only (weak ones keep nothing alive).
  const parent = new Int32Array(nodeCount).fill(-1);
  const parentEdge = new Int32Array(nodeCount).fill(-1);
  parent[0] = 0;
  const queue = new Uint32Array(nodeCount);
  let tail = 0;
  queue[tail++] = 0;
  for (let head = 0; head < tail; head++) {
    const n = queue[head];
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e += edgeFields) {
      if (edgeTypes[edges[e + edgeTypeOffset]] === 'weak') continue;
      const to = edges[e + edgeToOffset] / nodeFields;
      if (parent[to] !== -1) continue;
      parent[to] = n;
      parentEdge[to] = e;
      queue[tail++] = to;
    }
  }
  const hopsTo = (target) => {
    const hops = [];
    for (let n = target; n !== 0 && parent[n] !== -1; n = parent[n]) hops.unshift({ from: parent[n], edge: parentEdge[n] });
    return hops;
  };

  /** The root's path to `target`; its end says who holds the object, so that is what is shown. */
  const retainingPath = (target) => {
    if (parent[target] === -1) return '(no path from the root: collected at the next GC)';
    const hops = hopsTo(target).map(({ from, edge }) => `${from === 0 ? '' : `${describeNode(from)} `}${edgeLabel(edge)}`);
    const shown = hops.slice(-MAX_PATH);
    return `${hops.length > shown.length ? '… ' : ''}${shown.join(' ')} ${describeNode(target)}`;
  };

  /** The last custom element on the path and its property that leads to `target`, e.g. `test-results._modelCache`. */
  const holderOf = (target) => {
    const hops = hopsTo(target);
    for (let i = hops.length - 1; i >= 0; i--) {
      const name = strings[nodes[hops[i].from * nodeFields + nameOffset]] ?? '';
      const tag = /^<([a-z][a-z0-9]*-[a-z0-9-]*)[\s>]/.exec(name);
      if (tag) return `<${tag[1]}>${edgeLabel(hops[i].edge)}`;
    }
    return parent[target] === -1 ? '(unreachable)' : '(no element on the path)';
  };

  return needles.map((needle) => {
    const stringIndexes = new Set();
    strings.forEach((value, index) => {
      if (typeof value === 'string' && value.includes(needle)) stringIndexes.add(index);
    });
    const matches = [];
    const holders = {};
    let objects = 0;
    let bytes = 0;
    for (let n = 0; n < nodeCount; n++) {
      if (!stringIndexes.has(nodes[n * nodeFields + nameOffset])) continue;
      const type = nodeTypes[nodes[n * nodeFields + typeOffset]];
      // Only objects that hold the text (strings, DOM text, code); a matching *name* of a hidden/synthetic node is noise.
      if (type === 'synthetic' || type === 'hidden') continue;
      objects++;
      bytes += nodes[n * nodeFields + sizeOffset];
      const holder = holderOf(n);
      holders[holder] = (holders[holder] ?? 0) + 1;
      if (matches.length < MAX_MATCHES_PER_NEEDLE && !matches.some((match) => match.holder === holder)) matches.push({ object: describeNode(n), holder, retainedBy: retainingPath(n) });
    }
    return { needle, inStringTable: stringIndexes.size > 0, objects, bytes, holders, matches };
  });
}

// ---------------------------------------------------------------------------------------------
// Two snapshots of one page compared: what an interval (a session and its sign-out) left behind.
// V8 keeps an object's snapshot id for its lifetime, so ids tell the objects created in the interval
// from those that were there before. Each new object is put in one category by what keeps it alive
// (its dominator: the object whose loss would free it), and "other objects" are listed by holder.

/** What the JS heap holds, in the order the benchmark prints them. */
export const HEAP_CATEGORIES = {
  code: 'compiled code: bytecode, machine code, feedback, hidden classes (V8: one copy per function run)',
  bindings: 'DOM interfaces set up on first use (V8 templates and prototypes: SVG, forms, Request, …)',
  templates: "template literals' strings (V8 caches them per call site) and Lit's templates keyed by them",
  caches: "V8's number-to-string cache",
  objects: 'other objects: widgets, clients, logs, listeners, Lit parts (a leak of ours shows here)',
};

const OFF_HEAP = new Set(['system / ExternalStringData', 'system / JSArrayBufferData']);
const CODE_EDGES = new Set(['dependent_code', 'retained_maps', 'script_context_table']);
const CODE_LIKE = /^system \/ (Map|DescriptorArray|TransitionArray|PrototypeInfo|EnumCache|Feedback|AllocationSite|Trusted|Protected|SharedFunctionInfo|BytecodeArray|ScopeInfo|\w*RegExpData|RegExpBoilerplate|ClassBoilerplate|ClassPositions)/;

/**
 * A snapshot's graph in typed arrays, with its shortest strong paths from the root and its dominator
 * tree (Cooper, Harvey and Kennedy's iterative algorithm; weak edges keep nothing alive).
 * @param {string} text The snapshot's JSON.
 */
export function readHeapSnapshot(text) {
  const snapshot = JSON.parse(text);
  const meta = snapshot.snapshot.meta;
  const { nodes, edges, strings } = snapshot;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const field = (name) => meta.node_fields.indexOf(name);
  const [typeOffset, nameOffset, idOffset, sizeOffset, edgeCountOffset, detachedOffset] = ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'].map(field);
  const edgeTypeOffset = meta.edge_fields.indexOf('type');
  const edgeNameOffset = meta.edge_fields.indexOf('name_or_index');
  const edgeToOffset = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[typeOffset];
  const edgeTypes = meta.edge_types[edgeTypeOffset];
  const weak = edgeTypes.indexOf('weak');
  const count = nodes.length / nodeFields;
  const edgeCount = edges.length / edgeFields;

  const graph = {
    count,
    strings,
    nodeTypes,
    edgeTypes,
    type: new Uint8Array(count),
    name: new Uint32Array(count),
    id: new Float64Array(count),
    size: new Float64Array(count),
    detached: new Uint8Array(count),
    firstEdge: new Uint32Array(count + 1),
    edgeTo: new Uint32Array(edgeCount),
    edgeType: new Uint8Array(edgeCount),
    edgeName: new Uint32Array(edgeCount),
  };
  for (let n = 0, e = 0; n < count; n++) {
    const at = n * nodeFields;
    graph.type[n] = nodes[at + typeOffset];
    graph.name[n] = nodes[at + nameOffset];
    graph.id[n] = nodes[at + idOffset];
    graph.size[n] = nodes[at + sizeOffset];
    if (detachedOffset >= 0) graph.detached[n] = nodes[at + detachedOffset];
    graph.firstEdge[n] = e;
    e += nodes[at + edgeCountOffset];
    graph.firstEdge[n + 1] = e;
  }
  for (let e = 0; e < edgeCount; e++) {
    graph.edgeTo[e] = edges[e * edgeFields + edgeToOffset] / nodeFields;
    graph.edgeType[e] = edges[e * edgeFields + edgeTypeOffset];
    graph.edgeName[e] = edges[e * edgeFields + edgeNameOffset];
  }
  const strong = (e) => graph.edgeType[e] !== weak;

  // Shortest strong paths from the root (breadth first).
  const parent = new Int32Array(count).fill(-1);
  const parentEdge = new Int32Array(count).fill(-1);
  parent[0] = 0;
  const queue = new Uint32Array(count);
  let tail = 0;
  queue[tail++] = 0;
  for (let head = 0; head < tail; head++) {
    const n = queue[head];
    for (let e = graph.firstEdge[n]; e < graph.firstEdge[n + 1]; e++) {
      const to = graph.edgeTo[e];
      if (!strong(e) || parent[to] !== -1) continue;
      parent[to] = n;
      parentEdge[to] = e;
      queue[tail++] = to;
    }
  }

  // Post order of a depth-first walk, then dominators until they settle.
  const order = new Int32Array(count).fill(-1);
  const postOrder = [];
  const stack = [0];
  const cursor = [graph.firstEdge[0]];
  const seen = new Uint8Array(count);
  seen[0] = 1;
  while (stack.length) {
    const n = stack[stack.length - 1];
    let e = cursor[cursor.length - 1];
    let descended = false;
    for (; e < graph.firstEdge[n + 1]; e++) {
      const to = graph.edgeTo[e];
      if (!strong(e) || seen[to]) continue;
      seen[to] = 1;
      cursor[cursor.length - 1] = e + 1;
      stack.push(to);
      cursor.push(graph.firstEdge[to]);
      descended = true;
      break;
    }
    if (!descended) {
      stack.pop();
      cursor.pop();
      order[n] = postOrder.length;
      postOrder.push(n);
    }
  }
  const predecessorStart = new Uint32Array(count + 1);
  for (let n = 0; n < count; n++) {
    if (!seen[n]) continue;
    for (let e = graph.firstEdge[n]; e < graph.firstEdge[n + 1]; e++) if (strong(e)) predecessorStart[graph.edgeTo[e] + 1]++;
  }
  for (let n = 0; n < count; n++) predecessorStart[n + 1] += predecessorStart[n];
  const predecessors = new Uint32Array(predecessorStart[count]);
  const fill = predecessorStart.slice(0, count);
  for (let n = 0; n < count; n++) {
    if (!seen[n]) continue;
    for (let e = graph.firstEdge[n]; e < graph.firstEdge[n + 1]; e++) if (strong(e)) predecessors[fill[graph.edgeTo[e]]++] = n;
  }
  const dominator = new Int32Array(count).fill(-1);
  dominator[0] = 0;
  const intersect = (a, b) => {
    while (a !== b) {
      while (order[a] < order[b]) a = dominator[a];
      while (order[b] < order[a]) b = dominator[b];
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = postOrder.length - 1; i >= 0; i--) {
      const n = postOrder[i];
      if (n === 0) continue;
      let candidate = -1;
      for (let p = predecessorStart[n]; p < predecessorStart[n + 1]; p++) {
        const from = predecessors[p];
        if (dominator[from] !== -1) candidate = candidate === -1 ? from : intersect(from, candidate);
      }
      if (candidate !== dominator[n]) {
        dominator[n] = candidate;
        changed = true;
      }
    }
  }
  return { ...graph, reachable: seen, parent, parentEdge, dominator };
}

const nodeName = (g, n) => g.strings[g.name[n]] ?? '';
const nodeType = (g, n) => g.nodeTypes[g.type[n]];

/** In V8's heap (what `usedSize` counts), not Blink's (DOM) nor off-heap backing stores. */
function inJsHeap(g, n) {
  const type = nodeType(g, n);
  if (type === 'synthetic') return false;
  if (type !== 'native') return true;
  const name = nodeName(g, n);
  return name.startsWith('system / ') && !OFF_HEAP.has(name);
}

/** DevTools' "constructor" grouping: a JS object's class, an element's tag, or the kind of V8 data. */
function className(g, n) {
  const name = nodeName(g, n);
  switch (nodeType(g, n)) {
    case 'object':
    case 'native': {
      const tag = /^<([a-z][\w-]*)/.exec(name);
      if (tag) return `<${tag[1]}>`;
      // Blink's C++ containers name every template argument.
      if (/^[\w:]+</.test(name)) return name.replace(/<.*$/, '<…>');
      if (name.startsWith('Window [JSGlobalObject]')) return 'window';
      return name.replace(/ \/ http.*$/, '').replace(/@\d+$/, '').split(' / ').slice(0, 2).join(' / ');
    }
    case 'closure':
      return '(closure)';
    case 'code':
      return `(compiled code${name.startsWith('system / ') ? `: ${name.split(' / ')[1]}` : ''})`;
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return '(string)';
    case 'array':
      return '(array)';
    case 'hidden':
      return '(system)';
    case 'object shape':
      return '(object shape)';
    default:
      return `(${nodeType(g, n)})`;
  }
}

function isCodeLike(g, n) {
  const type = nodeType(g, n);
  return type === 'code' || type === 'object shape' || CODE_LIKE.test(nodeName(g, n));
}

/** An edge's name; indexes are left out (`[]`), so that the same holder compares equal in two snapshots. */
function edgeText(g, e) {
  const type = g.edgeTypes[g.edgeType[e]];
  if (type === 'element' || type === 'hidden') return '[]';
  const name = String(g.strings[g.edgeName[e]] ?? g.edgeName[e]);
  if (/^\d+$/.test(name)) return '[]';
  // `<symbol Window#DocumentCachedAccessor>`: the `document` getter's cached value.
  const cached = /^<symbol \w+#(\w)(\w*)CachedAccessor>$/.exec(name);
  if (cached) return `.${cached[1].toLowerCase()}${cached[2]}`;
  // WeakMap entries are named after their whole key and value: say which map, not which pair.
  return name.includes(' pair in WeakMap') ? '[WeakMap entry]' : `.${name}`;
}

/** The root's path to `n`: the nodes and the edges into each. */
function pathTo(g, n) {
  const hops = [];
  for (let c = n; c !== 0 && g.parent[c] !== -1; c = g.parent[c]) hops.push({ node: c, edge: g.parentEdge[c] });
  return hops.reverse();
}

/**
 * Puts each node of `g` that is not in `other` (by id) in a category, as the nodes that keep it alive
 * say: anything kept by code is code; otherwise the path from the root to the first new object decides.
 * @returns {{ category: Int8Array, top: Int32Array, keys: string[] }} `top`: that first new object.
 */
function categorise(g, otherIds) {
  const keys = Object.keys(HEAP_CATEGORIES);
  const index = Object.fromEntries(keys.map((key, i) => [key, i]));
  const category = new Int8Array(g.count).fill(-1);
  const top = new Int32Array(g.count).fill(-1);
  const fresh = (n) => n !== 0 && g.reachable[n] && !otherIds.has(g.id[n]);
  const topCategory = (n) => {
    const hops = pathTo(g, n);
    let holder = 0;
    for (const hop of hops) {
      const edge = g.strings[g.edgeName[hop.edge]];
      if (edge === 'smi_string_cache' || edge === 'double_string_cache') return index.caches;
      if (edge === 'template_weakmap') return index.templates;
      if (edge === 'fast_template_instantiations_cache' || edge === 'slow_template_instantiations_cache') return index.bindings;
      if (!fresh(hop.node)) holder = hop.node;
    }
    // Reached through code first (a constant its bytecode names, a hidden class's dependants): code.
    if (isCodeLike(g, holder) || hops.some((hop) => (fresh(hop.node) && isCodeLike(g, hop.node)) || CODE_EDGES.has(g.strings[g.edgeName[hop.edge]]))) return index.code;
    const holderName = nodeName(g, holder);
    if (holderName === '(Eternal handles)' || holderName === 'blink::V8PerContextData' || /^system \/ (FunctionTemplate|ObjectTemplate|AccessorPair)/.test(nodeName(g, n))) return index.bindings;
    if (/ \((prototype|internal cache)\)/.test(nodeName(g, n))) return index.bindings;
    return index.objects;
  };
  for (let n = 0; n < g.count; n++) {
    if (category[n] !== -1 || !fresh(n)) continue;
    const chain = [];
    let c = n;
    while (fresh(c) && category[c] === -1) {
      chain.push(c);
      c = g.dominator[c];
    }
    let current = fresh(c) ? category[c] : -1;
    let chainTop = fresh(c) ? top[c] : -1;
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i];
      if (chainTop === -1) {
        chainTop = node;
        current = topCategory(node);
      }
      if (isCodeLike(g, node)) current = index.code;
      category[node] = current;
      top[node] = chainTop;
    }
  }
  return { category, top, keys };
}

/** A short name for the object holding `n` on its path: `<test-results>._modelCache`, `RequestLog._ids`. */
function holderOfTop(g, n, fresh) {
  const hops = pathTo(g, n);
  let holder;
  for (let i = hops.length - 1; i >= 0; i--) {
    const from = i === 0 ? 0 : hops[i - 1].node;
    if (!fresh(from)) {
      holder = { node: from, edge: hops[i].edge };
      break;
    }
  }
  if (!holder || holder.node === 0) return '(root)';
  // A JS object is more telling than the V8 or Blink internals it sits in: step up to the nearest one.
  const named = (node) => ['object', 'closure'].includes(nodeType(g, node)) || /^<[a-z]/.test(nodeName(g, node));
  const at = hops.findIndex((hop) => hop.node === holder.node);
  let label = `${className(g, holder.node)}${edgeText(g, holder.edge)}`;
  for (let i = at; i >= 0 && !named(holder.node); i--) {
    if (named(hops[i].node)) {
      label = `${className(g, hops[i].node)}${edgeText(g, hops[i + 1].edge)}…${label}`;
      break;
    }
  }
  return label;
}

/**
 * Compares two snapshots of one page (from `readHeapSnapshot`): what the JS heap gained and lost
 * between them, by category, by class (code left out) and, for "other objects", by holder; and the
 * detached DOM nodes of the later one with what keeps them.
 * @param {ReturnType<typeof readHeapSnapshot>} before
 * @param {ReturnType<typeof readHeapSnapshot>} after
 */
export function compareHeapSnapshots(before, after, { top = 8 } = {}) {
  const idsOf = (g) => {
    const ids = new Set();
    for (let n = 0; n < g.count; n++) if (g.reachable[n]) ids.add(g.id[n]);
    return ids;
  };
  const beforeIds = idsOf(before);
  const afterIds = idsOf(after);
  const added = categorise(after, beforeIds);
  const removed = categorise(before, afterIds);
  const keys = added.keys;
  const categories = Object.fromEntries(keys.map((key) => [key, { added: 0, removed: 0, net: 0, objects: 0 }]));
  const classes = new Map();
  const holders = new Map();
  const tally = (g, side, result, sign, otherIds) => {
    const fresh = (n) => n !== 0 && g.reachable[n] && !otherIds.has(g.id[n]);
    const holderLabels = new Map();
    for (let n = 0; n < g.count; n++) {
      const category = result.category[n];
      if (category === -1 || !inJsHeap(g, n) || g.size[n] === 0) continue;
      const key = keys[category];
      categories[key][side] += g.size[n];
      categories[key].net += sign * g.size[n];
      if (sign > 0) categories[key].objects++;
      if (key === 'code') continue;
      const name = className(g, n);
      const row = classes.get(name) ?? { class: name, added: 0, removed: 0, net: 0 };
      row[side]++;
      row.net += sign * g.size[n];
      classes.set(name, row);
      if (key !== 'objects') continue;
      // The same holder and class on both sides (e.g. a widget's task, replaced on sign-out) nets out.
      const topNode = result.top[n];
      let label = holderLabels.get(topNode);
      if (label === undefined) {
        label = `${holderOfTop(g, topNode, fresh)} → ${className(g, topNode)}`;
        holderLabels.set(topNode, label);
      }
      const holder = holders.get(label) ?? { holder: label, added: 0, removed: 0, net: 0 };
      holder[side] += g.size[n];
      holder.net += sign * g.size[n];
      holders.set(label, holder);
    }
  };
  tally(after, 'added', added, 1, beforeIds);
  tally(before, 'removed', removed, -1, afterIds);

  const totals = (g) => {
    let js = 0;
    let dom = 0;
    for (let n = 0; n < g.count; n++) {
      if (!g.reachable[n]) continue;
      if (inJsHeap(g, n)) js += g.size[n];
      else if (nodeType(g, n) === 'native' && !nodeName(g, n).startsWith('system / ')) dom += g.size[n];
    }
    return { jsBytes: js, domBytes: dom };
  };

  // Detached DOM: inside Lit's cached <template>s (one per template, kept for the page's life), or not.
  const detached = { nodes: 0, inTemplates: 0, others: [] };
  const others = new Map();
  for (let n = 0; n < after.count; n++) {
    if (after.detached[n] !== 2 || !after.reachable[n]) continue;
    detached.nodes++;
    const hops = pathTo(after, n);
    if (hops.some((hop) => after.strings[after.edgeName[hop.edge]] === 'template_weakmap' || nodeName(after, hop.node) === '<template>')) {
      detached.inTemplates++;
      continue;
    }
    const holder = hops.findLast((hop) => ['object', 'closure'].includes(nodeType(after, hop.node)));
    const next = holder ? hops[hops.indexOf(holder) + 1] : undefined;
    const label = holder ? `${className(after, holder.node)}${next ? edgeText(after, next.edge) : ''}` : '(no JS holder)';
    others.set(label, (others.get(label) ?? 0) + 1);
  }
  detached.others = [...others].sort((a, b) => b[1] - a[1]).map(([holder, nodes]) => ({ holder, nodes }));

  return {
    before: totals(before),
    after: totals(after),
    categories,
    classes: [...classes.values()].sort((a, b) => b.net - a.net).slice(0, top),
    holders: [...holders.values()].sort((a, b) => b.net - a.net || b.added - a.added).slice(0, top),
    detached,
  };
}
