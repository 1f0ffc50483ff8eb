import TUI
print("example")
