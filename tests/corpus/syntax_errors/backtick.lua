print(`template`)
