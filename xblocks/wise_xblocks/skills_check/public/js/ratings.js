// Reading the learner's answers from the form, as plain data: {competence key: step or null}.
// An empty value is the "I skip this question" choice; no choice at all is also a skip.

export function readRatings(groups) {
  // groups: [{ key, value }] where value is the checked radio's value, or null when none is checked
  const ratings = {};
  for (const { key, value } of groups) {
    ratings[key] = value === null || value === undefined || value === "" ? null : Number.parseInt(value, 10);
    if (Number.isNaN(ratings[key])) ratings[key] = null;
  }
  return ratings;
}

export function countAnswered(ratings) {
  return Object.values(ratings).filter((value) => value !== null).length;
}
