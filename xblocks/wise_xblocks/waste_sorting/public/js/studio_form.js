// The Studio form's rows and settings as the JSON studio_submit expects (pure).

export function rowsToContent(intro, binRows, itemRows) {
  const bins = binRows.map((row) => ({ ...row }));
  const items = itemRows.map((row) => {
    const item = { ...row };
    if (item.weight === "" || item.weight === undefined) delete item.weight;
    else item.weight = Number(item.weight);
    return item;
  });
  return { intro, bins, items };
}

export function readSettings(form) {
  const value = (name) => form.elements[name].value;
  return {
    display_name: value("display_name"), mode: value("mode"), weight: value("weight"),
    max_attempts: value("max_attempts"), showanswer: value("showanswer"), pool_size: value("pool_size"),
    shuffle: form.elements.shuffle.checked, simulation: form.elements.simulation.checked,
    simulation_pace: value("simulation_pace"), preset: value("preset"),
  };
}
