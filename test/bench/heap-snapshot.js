// Heap snapshots over CDP, and a search of one for strings (a resident's name, NHS number) with the
// shortest chain of references that keeps each match alive: evidence of what still holds record data.

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
