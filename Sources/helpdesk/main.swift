// placeholder until the CLI lands
print("helpdesk")
