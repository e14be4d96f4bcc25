// Registers the `ferrous` debug type: VS Code starts `ferrous dap` (the command in the
// `ferrous.command` setting) and speaks the Debug Adapter Protocol with it over stdio.
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(vscode.debug.registerDebugAdapterDescriptorFactory('ferrous', {
    createDebugAdapterDescriptor() {
      const [command, ...args] = vscode.workspace.getConfiguration('ferrous').get('command', ['ferrous', 'dap']);
      return new vscode.DebugAdapterExecutable(command, args);
    },
  }));
}

function deactivate() {}

module.exports = { activate, deactivate };
