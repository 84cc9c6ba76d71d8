// Entry module: the runtime's WiseBlockInit imports this and calls init(); the view decides
// which page we wire (the learner's questions and result, or the Studio editor).
export async function init(runtime, element, args) {
  const module = args.view === "studio" ? await import("./studio.js") : await import("./student.js");
  module.start(runtime, element, args);
}
