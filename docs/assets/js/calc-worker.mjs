// Module worker: runs the calc package in the self-hosted Pyodide runtime.
// Protocol: {id, type: "init", config} -> {id, ready}; {id, type: "run", command, input} -> {id, output}
// where output is the JSON text of calc.api.Session.run for form input; any failure -> {id, error}.
import { loadPyodide, version } from "../pyodide/pyodide.mjs";

let session = null;

async function init(config) {
  if (version !== config.version) {
    throw new Error(`Pyodide ${version} geladen, erwartet ${config.version}`);
  }
  const [pyodide, archive, params] = await Promise.all([
    loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href, packages: [] }),
    fetch(config.archiveURL).then((r) => { if (!r.ok) throw new Error(`calc.zip: ${r.status}`); return r.arrayBuffer(); }),
    fetch(config.paramsURL).then((r) => { if (!r.ok) throw new Error(`params.json: ${r.status}`); return r.text(); }),
  ]);
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/calc-pkg" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/calc-pkg')");
  const api = pyodide.pyimport("calc.api");
  return api.Session(params);
}

self.onmessage = async (event) => {
  const { id, type } = event.data;
  try {
    if (type === "init") {
      session = session || init(event.data.config);
      await session;
      self.postMessage({ id, ready: true });
    } else {
      const s = await session;
      self.postMessage({ id, output: s.run(event.data.command, event.data.input, true) });
    }
  } catch (err) {
    self.postMessage({ id, error: String((err && err.message) || err) });
  }
};
