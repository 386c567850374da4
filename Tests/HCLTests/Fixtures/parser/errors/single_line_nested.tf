terraform { backend {} }
