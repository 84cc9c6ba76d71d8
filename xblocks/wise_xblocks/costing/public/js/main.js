// Entry module: the runtime's WiseBlockInit imports this and calls init().
import { initLearner } from "./learner.js";
import { initStudio } from "./studio.js";

export function init(runtime, element, args) {
  if (args.view === "studio") return initStudio(runtime, element, args);
  return initLearner(runtime, element, args);
}
