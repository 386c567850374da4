import RadiantSim
print("radiant-sim: not yet implemented")
