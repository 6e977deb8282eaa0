/**
 * Ribbon commands, running in the shared runtime page. 一键汇总 is to call the same consolidation use case as
 * the task pane (see the consolidation issue); until that use case exists the button opens the task pane,
 * which says what is available, rather than pretending to consolidate.
 */
async function consolidate(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } finally {
    event.completed();
  }
}

if (typeof Office !== 'undefined') {
  void Office.onReady(() => {
    Office.actions.associate('consolidate', consolidate);
  });
}
