import ArgumentParser
import CPAPIKit
import TUI
@main struct CPAPITUI: ParsableCommand { func run() {} }
